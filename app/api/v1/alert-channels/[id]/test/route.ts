import { sendTestAlert } from "@/lib/alerts/channels";
import { apiRoute, json } from "../../../_lib/handler";

export const dynamic = "force-dynamic";

/** Queues one test delivery; 202 because the fleet sends it moments later. 429 with Retry-After when flooded. */
export const POST = apiRoute<{ id: string }>(async ({ ctx, params }) => json({ deliveryId: await sendTestAlert(ctx, params.id) }, 202));
