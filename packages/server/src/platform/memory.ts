// Start-up — reading and compiling every module, the migrations, the demo seed — is one-off work
// that keeps most of what it allocates for a while, which V8 reads as a reason to grow the young
// generation to its largest (32 MB committed on Node 20, 128 MB on Node 24). An idle server then
// held that memory until V8's memory reducer ran, 20 to 45 s later (PostgreSQL: 160 MB instead of
// 125). So the young generation keeps its first size until the server is ready; then it grows
// again as the load asks. V8 reads the flag at each growth: setting it takes effect at once.
import v8 from 'node:v8';

/** V8's own default (Node 20 to 24): the young generation doubles when it fills with survivors. */
const DEFAULT_GROWTH = 2;

/** Before anything else loads: the young generation stays at its first size. */
export function startupBegins(): void {
  v8.setFlagsFromString('--semi-space-growth-factor=1');
}

/** The server is ready (or the command is not a server): the young generation may grow again. */
export function startupDone(): void {
  v8.setFlagsFromString(`--semi-space-growth-factor=${DEFAULT_GROWTH}`);
}
