/** Input size caps for account forms, shared by the schemas and the forms' maxLength attributes. */
export const MAX_EMAIL_LENGTH = 254;
export const MAX_PASSWORD_BYTES = 1024;
export const MAX_NAME_LENGTH = 100;
