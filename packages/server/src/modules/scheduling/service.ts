// The scheduling module's surface for other modules: availability and appointments are reached only
// through these functions, never through the tables. (Teleconsultation opens its room from an
// appointment; regulation books on a caller's behalf.)
export { bookAppointment, cancelAppointment, changeAppointmentStatus, readAppointment, type SchedulingDeps } from './appointments.js';
export { searchSlots } from './search.js';
export { sendDueMessages } from './delivery.js';
export { agendaTopic, type AppointmentEvent } from './live.js';
export { appointmentParties, type AppointmentParties } from './parties.js';
