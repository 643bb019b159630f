// ESLint for the dashboard bundle (flat config): the recommended JavaScript and TypeScript rules, unused code an
// error. Run by Maven at verify (web/pom.xml, skipped with -Deslint.skip) or here with `npm run lint`.
import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["target/", "node_modules/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      // Unused code is an error; a property left out by `const { a, ...rest } = o` is the way to drop it.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", caughtErrors: "none", ignoreRestSiblings: true }],
    },
  },
  {
    files: ["build.mjs", "test/**"],
    languageOptions: { globals: { ...globals.node } },
  },
);
