/** Client-safe description of the kind (the form's kind picker imports it). */
export const dnsMeta = {
  type: "dns" as const,
  label: "DNS record",
  noun: "DNS",
  hint: "Vigil asks a resolver for a record and checks the answer holds the values you expect.",
};
