// ESLint for the Jira plugin's scripts (flat config): the recommended rules, unused code an error. The page scripts
// are plain browser scripts (no modules) run by Jira with its AMD loader, AJS and WRM; the tests are node modules.
// Run by Maven at verify (jira-plugin/plugin/pom.xml, skipped with -Deslint.skip) or here with `npm run lint`.
import js from "@eslint/js";
import globals from "globals";

const unused = ["error", { argsIgnorePattern: "^_", caughtErrors: "none", ignoreRestSiblings: true }];

export default [
  { ignores: ["target/", "**/node_modules/"] },
  js.configs.recommended,
  {
    files: ["src/main/resources/js/**/*.js"],
    languageOptions: {
      sourceType: "script",
      // Jira's page globals, and module for the scripts' node tests (`if (typeof module === 'object') …`).
      globals: { ...globals.browser, AJS: "readonly", WRM: "readonly", define: "readonly", module: "readonly" },
    },
    rules: { "no-unused-vars": unused },
  },
  {
    files: ["src/test/**/*.{js,mjs}"],
    // node tests, some handing functions to page.evaluate() (run in the page): both sets of globals.
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: { "no-unused-vars": unused },
  },
];
