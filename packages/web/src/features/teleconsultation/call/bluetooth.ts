import {
  GATT,
  parserOfCharacteristic,
  RACP_REPORT_LAST_RECORD,
  type GattIssue,
  type GattMeasurement,
  type GattProfile,
} from '@parcours/domain';

// Web Bluetooth, where the browser has it (Chrome, Edge, Opera on desktop and Android; not Safari nor
// Firefox): a standard health device's measurement characteristic, parsed by the domain's GATT
// parsers. The types are the few the page uses: lib.dom does not declare Web Bluetooth.

interface CharacteristicLike extends EventTarget {
  readonly value?: DataView;
  startNotifications(): Promise<CharacteristicLike>;
  writeValueWithResponse?(value: BufferSource): Promise<void>;
  writeValue(value: BufferSource): Promise<void>;
}
interface ServiceLike {
  getCharacteristic(uuid: number): Promise<CharacteristicLike>;
}
interface DeviceLike extends EventTarget {
  readonly name?: string;
  readonly gatt?: { connect(): Promise<{ getPrimaryService(uuid: number): Promise<ServiceLike> }>; disconnect(): void; connected: boolean };
}
interface BluetoothLike {
  requestDevice(options: { filters: { services: number[] }[] }): Promise<DeviceLike>;
}

const bluetoothOf = (): BluetoothLike | undefined => (navigator as Navigator & { bluetooth?: BluetoothLike }).bluetooth;

/** Whether this browser offers Web Bluetooth at all (the buttons are hidden otherwise). */
export const hasWebBluetooth = (): boolean => typeof navigator !== 'undefined' && bluetoothOf() !== undefined;

/** The profiles the page offers, as the standard services a device is chosen by. */
export const BLUETOOTH_PROFILES: readonly GattProfile[] = ['bloodPressure', 'healthThermometer', 'pulseOximeter', 'weightScale', 'glucose'];

export interface DeviceSession {
  name: string;
  disconnect(): void;
}

/**
 * Asks the person to choose a device offering `profile`'s service (the browser's own chooser),
 * subscribes to its measurement characteristics (notifications or indications alike) and hands each
 * parsed measurement, or the issues of one that could not be read, to the callbacks. A glucometer is
 * asked for its last record. Resolves once listening; `disconnect` lets the device go.
 */
export async function listenToDevice(
  profile: GattProfile,
  onMeasurement: (measurement: GattMeasurement, deviceName: string) => void,
  onIssues: (issues: GattIssue[]) => void,
): Promise<DeviceSession> {
  const bluetooth = bluetoothOf();
  if (!bluetooth) throw new Error('Web Bluetooth is not available');
  const spec = GATT[profile];
  const device = await bluetooth.requestDevice({ filters: [{ services: [spec.service] }] });
  if (!device.gatt) throw new Error('The device offers no GATT server');
  const server = await device.gatt.connect();
  const service = await server.getPrimaryService(spec.service);
  const name = device.name ?? '';
  const uuids: number[] = [spec.measurement, ...('continuous' in spec ? [spec.continuous] : [])];
  let listening = 0;
  for (const uuid of uuids) {
    const parse = parserOfCharacteristic(uuid)!;
    const characteristic = await service.getCharacteristic(uuid).catch(() => undefined);
    if (!characteristic) continue; // an oximeter may offer spot checks or continuous measurements only
    characteristic.addEventListener('characteristicvaluechanged', () => {
      const value = characteristic.value;
      if (!value) return;
      const parsed = parse(value);
      if (parsed.ok) onMeasurement(parsed.measurement, name);
      else onIssues(parsed.issues);
    });
    await characteristic.startNotifications();
    listening++;
  }
  if (listening === 0) throw new Error('The device offers no measurement characteristic');
  if ('recordAccessControlPoint' in spec) {
    const racp = await service.getCharacteristic(spec.recordAccessControlPoint);
    await racp.startNotifications();
    const request = Uint8Array.from(RACP_REPORT_LAST_RECORD);
    await (racp.writeValueWithResponse ? racp.writeValueWithResponse(request) : racp.writeValue(request));
  }
  return { name, disconnect: () => device.gatt?.disconnect() };
}
