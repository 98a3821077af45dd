import type { CheckLane } from "../../queue/connection";
import { kindOf } from "./registry";

/** The queue lane a monitor's checks go to (its kind says; "default" for every kind that doesn't). */
export const laneOf = (type: string): CheckLane => kindOf(type)?.lane ?? "default";
