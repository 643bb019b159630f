// ESLint for the browser tests (flat config): plain node ES modules, the recommended rules, unused code an error.
// Run by Maven at verify (browser-tests/pom.xml, skipped with -Deslint.skip) or here with `npm run lint`.
import js from "@eslint/js";
import globals from "globals";

export default [
  { ignores: ["target/", "node_modules/"] },
  js.configs.recommended,
  {
    // node code that hands functions to page.evaluate(), which run in the page: both sets of globals.
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      "no-unused-vars": ["error", { argsIgnorePattern: "^_", caughtErrors: "none", ignoreRestSiblings: true }],
    },
  },
];
