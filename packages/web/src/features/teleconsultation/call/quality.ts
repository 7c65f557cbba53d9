import type { QualityReport } from '../api.js';

interface Sample {
  rttMs: number | null;
  bitrateKbps: number | null;
  /** The share of packets lost since the previous sample (null: none received meanwhile). */
  loss: number | null;
}

/** Too poor for video: this many samples running (6 s) each losing this much, or waiting this long for a round trip. */
const POOR_SAMPLES = 3;
const POOR_LOSS = 0.15;
const POOR_RTT_MS = 1_500;

/**
 * Connection quality sampled from getStats() every few seconds, over all the call's peer
 * connections: round-trip time of the selected candidate pair, inbound packet loss, received bitrate
 * and frames decoded; summarised (medians, the worst round trip, the total loss) for the report.
 */
export class QualitySampler {
  private readonly samples: Sample[] = [];
  private readonly bytes = new Map<string, { bytes: number; at: number }>();
  private lost = 0;
  private received = 0;
  private frames = 0;
  private timer: number | undefined;

  constructor(
    private readonly connections: () => RTCPeerConnection[],
    private readonly everyMs = 2_000,
  ) {}

  start(): void {
    this.timer ??= window.setInterval(() => void this.sample(), this.everyMs);
  }

  stop(): void {
    window.clearInterval(this.timer);
    this.timer = undefined;
  }

  async sample(): Promise<void> {
    let lost = 0;
    let received = 0;
    let frames = 0;
    let rtt: number | null = null;
    let bitrate = 0;
    for (const [index, pc] of this.connections().entries()) {
      const stats = await pc.getStats();
      stats.forEach((report: Record<string, unknown>) => {
        if (report.type === 'candidate-pair' && report.nominated && typeof report.currentRoundTripTime === 'number') {
          rtt = Math.max(rtt ?? 0, report.currentRoundTripTime * 1000);
        }
        if (report.type === 'inbound-rtp') {
          lost += Number(report.packetsLost ?? 0);
          received += Number(report.packetsReceived ?? 0);
          if (report.kind === 'video') frames += Number(report.framesDecoded ?? 0);
          const key = `${index}:${String(report.id)}`;
          const now = Number(report.timestamp);
          const bytes = Number(report.bytesReceived ?? 0);
          const before = this.bytes.get(key);
          if (before && now > before.at) bitrate += ((bytes - before.bytes) * 8) / (now - before.at);
          this.bytes.set(key, { bytes, at: now });
        }
      });
    }
    const newlyLost = Math.max(0, lost - this.lost);
    const newlyReceived = Math.max(0, received - this.received);
    const loss = newlyLost + newlyReceived > 0 ? newlyLost / (newlyLost + newlyReceived) : null;
    // Counters only grow while a connection lives; a closed one keeps what it had reached.
    this.lost = Math.max(this.lost, lost);
    this.received = Math.max(this.received, received);
    this.frames = Math.max(this.frames, frames);
    this.samples.push({ rttMs: rtt, bitrateKbps: this.bytes.size ? bitrate : null, loss });
  }

  /** Whether the last few samples all say the connection is too poor for video. */
  isPoor(): boolean {
    const last = this.samples.slice(-POOR_SAMPLES);
    return (
      last.length === POOR_SAMPLES &&
      last.every((s) => (s.loss !== null && s.loss >= POOR_LOSS) || (s.rttMs !== null && s.rttMs >= POOR_RTT_MS))
    );
  }

  summary(): QualityReport | null {
    if (this.samples.length === 0) return null;
    const rtts = this.samples.flatMap((s) => (s.rttMs === null ? [] : [s.rttMs]));
    const bitrates = this.samples.flatMap((s) => (s.bitrateKbps === null ? [] : [s.bitrateKbps]));
    const total = this.lost + this.received;
    return {
      samples: this.samples.length,
      rttMsMedian: median(rtts),
      rttMsMax: rtts.length ? Math.min(60_000, Math.max(...rtts)) : null,
      lossPercent: total > 0 ? Math.min(100, (100 * this.lost) / total) : null,
      bitrateKbpsMedian: median(bitrates),
      framesDecoded: this.frames,
    };
  }
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.min(100_000, Math.max(0, sorted[Math.floor(sorted.length / 2)]!));
}
