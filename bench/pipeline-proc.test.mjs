import { describe, expect, it } from 'vitest';
import { threadCpuMs, threadProfile } from './pipeline-proc.mjs';

describe('threadProfile', () => {
  const samples = [
    { at: 0, cpu: { 'renderer/DedicatedWorker': 100, 'gpu-process/Viz': 50 } },
    { at: 1000, cpu: { 'renderer/DedicatedWorker': 700, 'gpu-process/Viz': 60 } },
    {
      at: 3000,
      cpu: { 'renderer/DedicatedWorker': 2700, 'gpu-process/Viz': 160, 'renderer/Media': 400 },
    },
  ];

  it('takes the samples around the window and ranks threads by CPU over its wall time', () => {
    expect(threadProfile(samples, 1000, 3000)).toEqual({
      wallSec: 2,
      cpuSec: 2.5,
      coresBusy: 1.25,
      top: [
        { thread: 'renderer/DedicatedWorker', cpuSec: 2, cores: 1 },
        { thread: 'renderer/Media', cpuSec: 0.4, cores: 0.2 },
        { thread: 'gpu-process/Viz', cpuSec: 0.1, cores: 0.05 },
      ],
    });
  });

  it('widens a window that falls between samples to the samples around it', () => {
    expect(threadProfile(samples, 500, 2500)?.wallSec).toBe(3);
  });

  it('is null when no sample closes the window', () => {
    expect(threadProfile(samples, 1000, 4000)).toBeNull();
  });
});

describe('threadCpuMs', () => {
  it('reads this process’s own threads from /proc', () => {
    const cpu = threadCpuMs([process.pid]);
    expect(Object.keys(cpu).length).toBeGreaterThan(0);
    expect(Object.keys(cpu).every((key) => key.startsWith('browser/'))).toBe(true);
  });
});
