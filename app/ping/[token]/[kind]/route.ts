import { handlePing, methodNotAllowed } from "../handle";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ token: string; kind: string }> };

export const GET = (req: Request, ctx: Ctx) => handlePing(req, ctx.params);
export const POST = GET;
export const HEAD = GET;
export const PUT = methodNotAllowed;
export const PATCH = methodNotAllowed;
export const DELETE = methodNotAllowed;
export const OPTIONS = methodNotAllowed;
