/** Client-safe description of the kind (the form's kind picker imports it). */
export const tcpMeta = {
  type: "tcp" as const,
  label: "TCP port",
  noun: "TCP",
  hint: "Vigil opens a connection to a host and port: databases, mail servers, anything that listens.",
};
