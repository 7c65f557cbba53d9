// Slot arithmetic: availability in a site's wall time, minus appointments, as bookable slots.
export {
  isOffered,
  merge,
  MODALITIES,
  nextSlots,
  openIntervals,
  type Availability,
  type AvailabilityException,
  type ConsultationRules,
  type Interval,
  type Modality,
  type Slot,
  type WeeklyOpening,
} from './slots.js';
export {
  canonicalTimeZone,
  instantOfWallTime,
  isoDateOf,
  isoWeekday,
  isTimeZone,
  localDateOf,
  minutesOfDay,
  nextDate,
  wallTimeOf,
  type LocalDate,
} from './wall-time.js';
export { DEPARTEMENTS, isDepartement } from './territory.js';
