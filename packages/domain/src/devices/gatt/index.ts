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
  parsePlxContinuous,
  parsePlxSpotCheck,
  parserOfCharacteristic,
  RACP_REPORT_ALL_RECORDS,
  RACP_REPORT_LAST_RECORD,
  parseTemperatureMeasurement,
  parseWeightMeasurement,
  type GattDateTime,
  type GattIssue,
  type GattMeasurement,
  type GattParse,
  type GattProfile,
  type GattValue,
} from './measurements.js';
