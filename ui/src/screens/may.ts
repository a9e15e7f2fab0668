import type { Operation } from "../bindings/Operation";
import type { Session } from "../bindings/Session";

/**
 * Whether the session may perform any of `ops`. The core decides who may do
 * what (src/domain/permission.rs) and lists the session's operations when it
 * logs in; the UI only hides what is not listed, and the core still refuses.
 */
export function may(session: Session, ...ops: [Operation, ...Operation[]]): boolean {
  return ops.some((op) => session.operations.includes(op));
}
