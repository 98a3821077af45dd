import { acknowledgeIncident } from "@/lib/incidents/acknowledge";
import { toApiIncident } from "@/lib/incidents/list-incidents";
import { apiRoute, json } from "../../../_lib/handler";

/** POST /api/v1/incidents/{id}/acknowledge → Incident (stops reminders; records who and when). */
export const POST = apiRoute<{ id: string }>(async ({ ctx, params }) => json(toApiIncident(await acknowledgeIncident(ctx, params.id))));
