/** Client-safe description of the kind (the form's kind picker imports it). */
export const httpMeta = {
  type: "http" as const,
  label: "HTTP",
  noun: "HTTP",
  hint: "Vigil requests a URL on a schedule and checks the status, a keyword or the response.",
};
