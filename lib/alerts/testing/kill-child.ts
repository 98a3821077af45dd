/**
 * Test fixture (run as a child process): claims one outbox row the way a delivery worker does (the same
 * conditional update, narrowed to that row so it never touches other tests' rows) and starts sending it to
 * a server that holds its reply (an SMTP server holding DATA, or a webhook receiver that never answers);
 * the test kills this process with SIGKILL while the send is in flight.
 */
import { and, eq, sql } from "drizzle-orm";
import nodemailer from "nodemailer";
import { db } from "../../db/client";
import { alertOutbox } from "../../db/schema";
import { deliverClaimed } from "../deliver";

const [rowId, port] = process.argv.slice(2);
const [mine] = await db
  .update(alertOutbox)
  .set({ status: "sending", claimedAt: sql`now()`, attempts: sql`${alertOutbox.attempts} + 1` })
  .where(and(eq(alertOutbox.id, rowId), eq(alertOutbox.status, "pending")))
  .returning();
if (!mine) throw new Error("row not claimed");
process.stdout.write("claimed\n");
const transport = nodemailer.createTransport({ host: "127.0.0.1", port: Number(port), secure: false, ignoreTLS: true });
await deliverClaimed(db, mine, { transport, appUrl: "https://vigil.example" });
process.stdout.write("finished\n");
