// Standard Bluetooth GATT health measurements (issue 13): IEEE 11073 numbers, the five measurement
// characteristics, and their readings.
export { decodeFloat, decodeSfloat, encodeSfloat, type Ieee11073 } from './ieee11073.js';
export {
  GATT,
  TEMPERATURE_TYPES,
  gattReadings,
  parseBloodPressureMeasurement,
  parseGattMeasurement,
  parseGlucoseMeasurement,
  parsePlxSpotCheck,
  parseTemperatureMeasurement,
  parseWeightMeasurement,
  type GattDateTime,
  type GattIssue,
  type GattMeasurement,
  type GattParse,
  type GattProfile,
  type GattValue,
} from './measurements.js';
