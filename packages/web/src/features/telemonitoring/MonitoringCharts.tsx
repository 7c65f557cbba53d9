import { SimpleGrid } from '@mantine/core';
import type { Monitoring } from './api.js';
import { monitoredKinds } from './format.js';
import { ReadingsChart } from './ReadingsChart.js';

/** One chart per kind the patient's programmes expect (and any other that came). Loaded apart: the charting library is large. */
export default function MonitoringCharts({ monitoring }: { monitoring: Monitoring }) {
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }}>
      {monitoredKinds(monitoring).map((kind) => (
        <ReadingsChart
          key={kind}
          kind={kind}
          readings={monitoring.readings.filter((r) => r.kind === kind)}
          enrolments={monitoring.enrolments}
        />
      ))}
    </SimpleGrid>
  );
}
