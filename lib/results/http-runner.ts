// HTTP's runner lives with its kind (lib/monitors/kinds/http); kept here for the tests that import it.
export { httpCheckRunner } from "../monitors/kinds/http/runner";
