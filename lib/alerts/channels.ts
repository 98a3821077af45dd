/** Alert channels: one verb per file under ./channels/, gathered here for callers. */
export { toApiChannel, type ApiAlertChannel } from "./channels/shape";
export { ensureDefaultChannel } from "./channels/default-channel";
export { listAlertChannels, getAlertChannelOrThrow } from "./channels/get";
export { createAlertChannel } from "./channels/create";
export { updateAlertChannel, setAlertChannelMuted } from "./channels/update";
export { deleteAlertChannel } from "./channels/delete";
export { sendTestAlert } from "./channels/send-test";
export { confirmEmailChannel, findEmailConfirmation, resendEmailConfirmation } from "./channels/email-confirmation";
