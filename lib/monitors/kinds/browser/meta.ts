/** Client-safe description of the kind (the form's kind picker imports it). */
export const browserMeta = {
  type: "browser" as const,
  label: "Browser",
  noun: "browser",
  hint: "A real Chromium loads the page and waits for a selector or text: catches pages that answer 200 but render blank.",
};
