// Parsers of the standard Bluetooth GATT health measurement characteristics (the bytes a Web
// Bluetooth notification or indication carries), and their conversion into telemonitoring readings,
// so a value read from a thermometer, a cuff, an oximeter, a scale or a glucometer is stored as the
// same FHIR Observation as any other. Layouts: Bluetooth SIG HTS, BLS, PLXS, WSS and GLS.
import { DateTime } from 'luxon';
import { normaliseReading, type ReadingInput, type ReadingParse } from '../../telemonitoring/observation.js';
import type { Message } from '../../triage/types.js';
import { decodeFloat, decodeSfloat, type Ieee11073 } from './ieee11073.js';

/** Services and their measurement characteristics (16-bit assigned numbers). */
export const GATT = {
  healthThermometer: { service: 0x1809, measurement: 0x2a1c },
  bloodPressure: { service: 0x1810, measurement: 0x2a35 },
  // Oximeters send spot checks (0x2A5E, indicated), continuous measurements (0x2A5F, notified), or both.
  pulseOximeter: { service: 0x1822, measurement: 0x2a5e, continuous: 0x2a5f },
  weightScale: { service: 0x181d, measurement: 0x2a9d },
  // A glucometer sends its stored records when asked through the Record Access Control Point.
  glucose: { service: 0x1808, measurement: 0x2a18, recordAccessControlPoint: 0x2a52 },
} as const;

/**
 * Record Access Control Point (0x2A52) requests: op code 0x01 "report stored records", operator
 * 0x06 "last record" or 0x01 "all records". A glucometer indicates nothing until asked.
 */
export const RACP_REPORT_LAST_RECORD: readonly number[] = [0x01, 0x06];
export const RACP_REPORT_ALL_RECORDS: readonly number[] = [0x01, 0x01];
export type GattProfile = keyof typeof GATT;

/** A device-local wall time (the Date Time characteristic carries no zone). */
export interface GattDateTime {
  year: number;
  month: number;
  day: number;
  hours: number;
  minutes: number;
  seconds: number;
}

/** One value of a measurement, in the unit the device sent it in (UCUM). */
export interface GattValue {
  kind: ReadingInput['kind'];
  value: number;
  unit: string;
}

export interface GattMeasurement {
  profile: GattProfile;
  /** The measured values: several for a cuff (pressure and pulse) or an oximeter (SpO₂ and pulse). */
  values: GattValue[];
  /** Blood pressure: the systolic and diastolic as one value. */
  bloodPressure?: { systolic: number; diastolic: number; meanArterial?: Ieee11073; unit: string };
  timestamp?: GattDateTime;
  /** What else the characteristic said, kept for the record (user id, status bits, body site…). */
  details: Record<string, number | string | boolean>;
}

export interface GattIssue {
  field: string;
  code: 'truncated' | 'special-value';
  message: Message;
}

export type GattParse = { ok: true; measurement: GattMeasurement } | { ok: false; issues: GattIssue[] };

const SPECIAL_WORDS: Record<Exclude<Ieee11073, number>, Message> = {
  NaN: { fr: 'valeur non disponible (NaN)', en: 'not a number (NaN)' },
  NRes: { fr: 'résolution insuffisante (NRes)', en: 'not at this resolution (NRes)' },
  '+INF': { fr: 'valeur au-dessus de la plage de l’appareil (+INF)', en: 'above the device range (+INF)' },
  '-INF': { fr: 'valeur au-dessous de la plage de l’appareil (−INF)', en: 'below the device range (−INF)' },
  reserved: { fr: 'valeur réservée', en: 'reserved value' },
};

class Truncated extends Error {
  constructor(readonly field: string) {
    super(field);
  }
}

class Special extends Error {
  constructor(
    readonly field: string,
    readonly special: Exclude<Ieee11073, number>,
  ) {
    super(field);
  }
}

/** Reads fields in order, naming the one the bytes ran out in. */
class Fields {
  private offset = 0;
  private readonly view: DataView;
  constructor(bytes: Uint8Array | DataView | ArrayBuffer) {
    this.view =
      bytes instanceof DataView
        ? bytes
        : bytes instanceof ArrayBuffer
          ? new DataView(bytes)
          : new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  private take(field: string, size: number): number {
    if (this.offset + size > this.view.byteLength) throw new Truncated(field);
    const at = this.offset;
    this.offset += size;
    return at;
  }
  uint8(field: string): number {
    return this.view.getUint8(this.take(field, 1));
  }
  uint16(field: string): number {
    return this.view.getUint16(this.take(field, 2), true);
  }
  int16(field: string): number {
    return this.view.getInt16(this.take(field, 2), true);
  }
  uint24(field: string): number {
    const at = this.take(field, 3);
    return this.view.getUint16(at, true) | (this.view.getUint8(at + 2) << 16);
  }
  sfloat(field: string): Ieee11073 {
    return decodeSfloat(this.uint16(field));
  }
  float(field: string): Ieee11073 {
    return decodeFloat(this.view.getUint32(this.take(field, 4), true));
  }
  /** A value that must be a number: a special value is an issue on that field. */
  number(field: string, decoded: Ieee11073): number {
    if (typeof decoded !== 'number') throw new Special(field, decoded);
    return decoded;
  }
  dateTime(field: string): GattDateTime {
    return {
      year: this.uint16(field),
      month: this.uint8(field),
      day: this.uint8(field),
      hours: this.uint8(field),
      minutes: this.uint8(field),
      seconds: this.uint8(field),
    };
  }
}

function parsing(profile: GattProfile, read: (fields: Fields) => Omit<GattMeasurement, 'profile'>) {
  return (bytes: Uint8Array | DataView | ArrayBuffer): GattParse => {
    try {
      return { ok: true, measurement: { profile, ...read(new Fields(bytes)) } };
    } catch (error) {
      if (error instanceof Truncated) {
        return {
          ok: false,
          issues: [
            {
              field: error.field,
              code: 'truncated',
              message: {
                fr: `Mesure incomplète : les octets s’arrêtent dans le champ « ${error.field} ».`,
                en: `Incomplete measurement: the bytes end within the "${error.field}" field.`,
              },
            },
          ],
        };
      }
      if (error instanceof Special) {
        const words = SPECIAL_WORDS[error.special];
        return {
          ok: false,
          issues: [
            {
              field: error.field,
              code: 'special-value',
              message: { fr: `« ${error.field} » : ${words.fr}.`, en: `"${error.field}": ${words.en}.` },
            },
          ],
        };
      }
      throw error;
    }
  };
}

const bit = (flags: number, n: number): boolean => (flags & (1 << n)) !== 0;

/** Temperature Measurement 0x2A1C: flags, FLOAT temperature, [date time], [temperature type]. */
export const parseTemperatureMeasurement = parsing('healthThermometer', (fields) => {
  const flags = fields.uint8('flags');
  const fahrenheit = bit(flags, 0);
  const temperature = fields.number('temperature', fields.float('temperature'));
  const timestamp = bit(flags, 1) ? fields.dateTime('timestamp') : undefined;
  const details: GattMeasurement['details'] = {};
  if (bit(flags, 2)) details['temperatureType'] = TEMPERATURE_TYPES[fields.uint8('temperatureType')] ?? 'unknown';
  return {
    values: [{ kind: 'bodyTemperature', value: temperature, unit: fahrenheit ? '[degF]' : 'Cel' }],
    ...(timestamp ? { timestamp } : {}),
    details,
  };
});

/** Temperature Type (0x2A1D) values: where the temperature was taken. */
export const TEMPERATURE_TYPES: Record<number, string> = {
  1: 'armpit',
  2: 'body',
  3: 'ear',
  4: 'finger',
  5: 'gastro-intestinal',
  6: 'mouth',
  7: 'rectum',
  8: 'toe',
  9: 'tympanum',
};

/** Blood Pressure Measurement 0x2A35: flags, SFLOAT systolic, diastolic, MAP, [date time], [pulse], [user], [status]. */
export const parseBloodPressureMeasurement = parsing('bloodPressure', (fields) => {
  const flags = fields.uint8('flags');
  const unit = bit(flags, 0) ? 'kPa' : 'mm[Hg]';
  const systolic = fields.number('systolic', fields.sfloat('systolic'));
  const diastolic = fields.number('diastolic', fields.sfloat('diastolic'));
  // Many cuffs send NaN for the mean arterial pressure: kept as sent, it is not stored as a reading.
  const meanArterial = fields.sfloat('meanArterialPressure');
  const timestamp = bit(flags, 1) ? fields.dateTime('timestamp') : undefined;
  const values: GattValue[] = [];
  const details: GattMeasurement['details'] = {};
  if (bit(flags, 2)) {
    const pulse = fields.sfloat('pulseRate');
    if (typeof pulse === 'number') values.push({ kind: 'heartRate', value: pulse, unit: '/min' });
    else details['pulseRate'] = pulse;
  }
  if (bit(flags, 3)) details['userId'] = fields.uint8('userId');
  if (bit(flags, 4)) {
    const status = fields.uint16('measurementStatus');
    details['bodyMovement'] = bit(status, 0);
    details['cuffFitLoose'] = bit(status, 1);
    details['irregularPulse'] = bit(status, 2);
    details['improperPosition'] = bit(status, 5);
  }
  return { values, bloodPressure: { systolic, diastolic, meanArterial, unit }, ...(timestamp ? { timestamp } : {}), details };
});

/** PLX Spot-check Measurement 0x2A5E: flags, SFLOAT SpO₂ and pulse rate, [date time], [status], [device status], [PAI]. */
export const parsePlxSpotCheck = parsing('pulseOximeter', (fields) => {
  const flags = fields.uint8('flags');
  const spo2 = fields.number('spo2', fields.sfloat('spo2'));
  const pulse = fields.sfloat('pulseRate');
  const timestamp = bit(flags, 0) ? fields.dateTime('timestamp') : undefined;
  const details: GattMeasurement['details'] = {};
  if (bit(flags, 1)) details['measurementStatus'] = fields.uint16('measurementStatus');
  if (bit(flags, 2)) details['deviceAndSensorStatus'] = fields.uint24('deviceAndSensorStatus');
  if (bit(flags, 3)) {
    details['pulseAmplitudeIndex'] = fields.sfloat('pulseAmplitudeIndex');
  }
  if (bit(flags, 4)) details['deviceClockNotSet'] = true;
  const values: GattValue[] = [{ kind: 'spo2', value: spo2, unit: '%' }];
  if (typeof pulse === 'number') values.push({ kind: 'heartRate', value: pulse, unit: '/min' });
  else details['pulseRate'] = pulse;
  // A clock never set gives a meaningless time: the reading then takes the time it was received.
  return { values, ...(timestamp && !bit(flags, 4) ? { timestamp } : {}), details };
});

/**
 * PLX Continuous Measurement 0x2A5F: flags, SFLOAT SpO₂ and pulse rate (normal averaging), [fast],
 * [slow], [measurement status], [device and sensor status], [PAI]. The normal pair is the reading.
 */
export const parsePlxContinuous = parsing('pulseOximeter', (fields) => {
  const flags = fields.uint8('flags');
  const spo2 = fields.number('spo2', fields.sfloat('spo2'));
  const pulse = fields.sfloat('pulseRate');
  const details: GattMeasurement['details'] = { continuous: true };
  if (bit(flags, 0)) {
    details['spo2Fast'] = fields.sfloat('spo2Fast');
    details['pulseRateFast'] = fields.sfloat('pulseRateFast');
  }
  if (bit(flags, 1)) {
    details['spo2Slow'] = fields.sfloat('spo2Slow');
    details['pulseRateSlow'] = fields.sfloat('pulseRateSlow');
  }
  if (bit(flags, 2)) details['measurementStatus'] = fields.uint16('measurementStatus');
  if (bit(flags, 3)) details['deviceAndSensorStatus'] = fields.uint24('deviceAndSensorStatus');
  if (bit(flags, 4)) details['pulseAmplitudeIndex'] = fields.sfloat('pulseAmplitudeIndex');
  const values: GattValue[] = [{ kind: 'spo2', value: spo2, unit: '%' }];
  if (typeof pulse === 'number') values.push({ kind: 'heartRate', value: pulse, unit: '/min' });
  else details['pulseRate'] = pulse;
  return { values, details };
});

/** Weight Measurement 0x2A9D: flags, uint16 weight (0.005 kg or 0.01 lb), [date time], [user], [BMI, height]. */
export const parseWeightMeasurement = parsing('weightScale', (fields) => {
  const flags = fields.uint8('flags');
  const imperial = bit(flags, 0);
  const raw = fields.uint16('weight');
  // 0xFFFF: "measurement unsuccessful" (WSS).
  if (raw === 0xffff) throw new Special('weight', 'NaN');
  const weight = imperial ? Math.round(raw) / 100 : Math.round(raw * 5) / 1000;
  const timestamp = bit(flags, 1) ? fields.dateTime('timestamp') : undefined;
  const details: GattMeasurement['details'] = {};
  if (bit(flags, 2)) details['userId'] = fields.uint8('userId');
  if (bit(flags, 3)) {
    details['bmi'] = fields.uint16('bmi') / 10;
    const height = fields.uint16('height');
    details['heightMetres'] = imperial ? Math.round(height * 0.254) / 100 : height / 1000;
  }
  return {
    values: [{ kind: 'bodyWeight', value: weight, unit: imperial ? '[lb_av]' : 'kg' }],
    ...(timestamp ? { timestamp } : {}),
    details,
  };
});

/** Glucose Measurement 0x2A18: flags, sequence, base time, [time offset], [SFLOAT concentration, type/location], [status]. */
export const parseGlucoseMeasurement = parsing('glucose', (fields) => {
  const flags = fields.uint8('flags');
  const sequence = fields.uint16('sequenceNumber');
  const base = fields.dateTime('baseTime');
  const offsetMinutes = bit(flags, 0) ? fields.int16('timeOffset') : 0;
  const details: GattMeasurement['details'] = { sequenceNumber: sequence };
  const values: GattValue[] = [];
  if (bit(flags, 1)) {
    const concentration = fields.number('glucoseConcentration', fields.sfloat('glucoseConcentration'));
    // kg/L → mg/dL is × 10⁵; mol/L → mmol/L is × 10³ (read as mmol/L, converted with the rest).
    const molar = bit(flags, 2);
    values.push(
      molar
        ? { kind: 'glucose', value: Math.round(concentration * 1e3 * 100) / 100, unit: 'mmol/L' }
        : { kind: 'glucose', value: Math.round(concentration * 1e5 * 10) / 10, unit: 'mg/dL' },
    );
    const typeLocation = fields.uint8('typeSampleLocation');
    details['sampleType'] = typeLocation & 0x0f;
    details['sampleLocation'] = typeLocation >> 4;
  }
  if (bit(flags, 3)) details['sensorStatusAnnunciation'] = fields.uint16('sensorStatusAnnunciation');
  if (bit(flags, 4)) details['contextFollows'] = true;
  const timestamp = offsetMinutes ? addMinutes(base, offsetMinutes) : base;
  return { values, timestamp, details };
});

function addMinutes(time: GattDateTime, minutes: number): GattDateTime {
  const shifted = DateTime.fromObject({ ...wallTime(time) }, { zone: 'UTC' }).plus({ minutes });
  return {
    year: shifted.year,
    month: shifted.month,
    day: shifted.day,
    hours: shifted.hour,
    minutes: shifted.minute,
    seconds: shifted.second,
  };
}

const wallTime = (t: GattDateTime) => ({ year: t.year, month: t.month, day: t.day, hour: t.hours, minute: t.minutes, second: t.seconds });

/** Parses the measurement characteristic of a profile. */
export function parseGattMeasurement(profile: GattProfile, bytes: Uint8Array | DataView | ArrayBuffer): GattParse {
  return {
    healthThermometer: parseTemperatureMeasurement,
    bloodPressure: parseBloodPressureMeasurement,
    pulseOximeter: parsePlxSpotCheck,
    weightScale: parseWeightMeasurement,
    glucose: parseGlucoseMeasurement,
  }[profile](bytes);
}

/** The parser of a measurement characteristic by its 16-bit UUID (what a Web Bluetooth notification names); undefined for any other. */
export function parserOfCharacteristic(uuid: number): ((bytes: Uint8Array | DataView | ArrayBuffer) => GattParse) | undefined {
  return {
    [GATT.healthThermometer.measurement]: parseTemperatureMeasurement,
    [GATT.bloodPressure.measurement]: parseBloodPressureMeasurement,
    [GATT.pulseOximeter.measurement]: parsePlxSpotCheck,
    [GATT.pulseOximeter.continuous]: parsePlxContinuous,
    [GATT.weightScale.measurement]: parseWeightMeasurement,
    [GATT.glucose.measurement]: parseGlucoseMeasurement,
  }[uuid];
}

/**
 * The readings of a device measurement. The device's clock is a wall time in `timeZone` (default
 * Europe/Paris); without one (or with an unknown year, 0) the reading takes `receivedAt`. Each
 * reading's identifier is `identifier` suffixed by its kind, so a re-sent notification is one reading.
 */
export function gattReadings(
  measurement: GattMeasurement,
  options: { identifier: string; receivedAt: Date; timeZone?: string; now?: Date },
): ReadingParse[] {
  const effective = effectiveOf(measurement.timestamp, options.receivedAt, options.timeZone ?? 'Europe/Paris');
  const inputs: ReadingInput[] = [];
  if (measurement.bloodPressure) {
    const { systolic, diastolic, unit } = measurement.bloodPressure;
    inputs.push({ kind: 'bloodPressure', identifier: `${options.identifier}#bloodPressure`, effective, systolic, diastolic, unit });
  }
  for (const value of measurement.values) {
    if (value.kind === 'bloodPressure') continue;
    inputs.push({ kind: value.kind, identifier: `${options.identifier}#${value.kind}`, effective, value: value.value, unit: value.unit });
  }
  return inputs.map((input) => normaliseReading(input, options.now ? { now: options.now } : {}));
}

function effectiveOf(timestamp: GattDateTime | undefined, receivedAt: Date, zone: string): string {
  if (timestamp && timestamp.year !== 0 && timestamp.month !== 0 && timestamp.day !== 0) {
    const local = DateTime.fromObject(wallTime(timestamp), { zone });
    if (local.isValid) return local.toISO({ suppressMilliseconds: true })!;
  }
  return DateTime.fromJSDate(receivedAt, { zone }).toISO({ suppressMilliseconds: true })!;
}
