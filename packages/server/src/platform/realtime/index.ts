export { registerRealtime, publishLive, DEFAULT_LIMITS, type Realtime, type RealtimeOptions, type LivePublication } from './realtime.js';
export { defineTopic, TopicRegistry, type TopicFamily, type DefinedTopicFamily } from './topics.js';
export { signLiveToken, verifyLiveToken, type LiveTokenClaims } from './token.js';
export { REALTIME_PROBLEMS } from './problems.js';
export { CLOSE_CODES, type ClientMessage, type ServerMessage, type LiveProblem } from './protocol.js';
export type { RealtimeLimits, LivePrincipal } from './connection.js';
