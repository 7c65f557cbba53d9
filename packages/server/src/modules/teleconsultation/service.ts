// The teleconsultation module's surface for other modules: a visit's state (records will write the
// report from it, billing will read the outcome). The room and its signaling are reached over the
// live WebSocket, not from here.
export { readVisit, participation, type TeleconsultationDeps } from './visits.js';
export { readQuality } from './room.js';
export { patientVisitsTopic, waitingRoomTopic, roomTopic, type VisitEvent } from './live.js';
// Assisted visits: who assisted (profession, setting), for billing's TLS/TLL/TLD/TLM.
export { assistantsOfVisit, type VisitAssistant } from './invitations.js';
