// Memory of process trees, read from /proc (Linux): the browser's processes while the app runs, and native
// ffmpeg's for the reference jobs. Also runs a native command with its wall time and peak memory.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const KIB_PER_MIB = 1024;

/** pid → parent pid for every process visible now. */
function parents() {
  const map = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // "pid (comm) state ppid …": comm may hold spaces and parentheses, so split after the last ')'.
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      map.set(Number(name), ppid);
    } catch {
      // The process ended while we looked.
    }
  }
  return map;
}

/** Every live descendant of `root` (not `root` itself). */
export function descendants(root) {
  const children = new Map();
  for (const [pid, ppid] of parents()) {
    if (!children.has(ppid)) children.set(ppid, []);
    children.get(ppid).push(pid);
  }
  const found = [];
  const queue = [...(children.get(root) ?? [])];
  while (queue.length) {
    const pid = queue.shift();
    found.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return found;
}

/** A field in kB from a /proc "Key:   123 kB" file; undefined if the file or field is missing. */
function kbField(path, key) {
  try {
    const text = readFileSync(path, 'utf8');
    const match = text.match(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Memory of a set of processes now: summed resident set (VmRSS; shared pages count once per process, so it
 * overstates), summed per-process peaks (VmHWM) and, when `pss`, summed proportional set (Pss from
 * smaps_rollup: shared pages split between their users, the fairer total; null otherwise). Reading
 * smaps_rollup costs ~2 ms of kernel time per Chromium process, status ~0.02 ms.
 */
export function memoryOf(pids, { pss: withPss = true } = {}) {
  let rss = 0;
  let pss = 0;
  let hwm = 0;
  let count = 0;
  for (const pid of pids) {
    const r = kbField(`/proc/${pid}/status`, 'VmRSS');
    if (r === undefined) continue; // gone, or a kernel thread
    count++;
    rss += r;
    hwm += kbField(`/proc/${pid}/status`, 'VmHWM') ?? r;
    if (withPss) pss += kbField(`/proc/${pid}/smaps_rollup`, 'Pss') ?? r;
  }
  return { rssKiB: rss, pssKiB: withPss ? pss : null, hwmKiB: hwm, processes: count };
}

/**
 * Samples a process tree until `stop()`, which returns the peaks in MiB: RSS every `intervalMs`, PSS (dearer
 * to read) every `pssEveryMs`. `pidsOf()` is asked afresh each time, so processes that start or end mid-run
 * (utility processes, renderers) count. `samplerCpuMs` is the CPU time the sampling itself took.
 * `onSample({at, rssKiB, pssKiB})` gets every sample (`at`: epoch ms; `pssKiB` null when not read).
 */
export function sampleMemory(pidsOf, { intervalMs = 250, pssEveryMs = 2000, onSample } = {}) {
  const peak = { rssKiB: 0, pssKiB: 0, hwmKiB: 0, processes: 0 };
  let samples = 0;
  let pssSamples = 0;
  let lastPss = -Infinity;
  let busy = 0;
  const take = (forcePss = false) => {
    const cpu = process.cpuUsage();
    const start = performance.now();
    const pss = forcePss || start - lastPss >= pssEveryMs;
    const now = memoryOf(pidsOf(), { pss });
    if (now.processes > 0) {
      samples++;
      if (pss) {
        pssSamples++;
        lastPss = start;
      }
      for (const key of Object.keys(peak)) peak[key] = Math.max(peak[key], now[key] ?? 0);
      onSample?.({ at: Date.now(), rssKiB: now.rssKiB, pssKiB: now.pssKiB });
    }
    const used = process.cpuUsage(cpu);
    busy += (used.user + used.system) / 1000;
  };
  take(true);
  const timer = setInterval(take, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      take(true);
      return {
        peakRssMiB: peak.rssKiB / KIB_PER_MIB,
        peakPssMiB: peak.pssKiB / KIB_PER_MIB,
        peakHwmSumMiB: peak.hwmKiB / KIB_PER_MIB,
        maxProcesses: peak.processes,
        samples,
        pssSamples,
        intervalMs,
        pssEveryMs,
        samplerCpuMs: busy,
      };
    },
  };
}

/**
 * Runs `command args` to completion, sampling its memory (the process and any children). Resolves to
 * {wallSec, peakRssMiB, peakPssMiB, …}; rejects with the end of its stderr when it exits non-zero.
 */
export function runMeasured(command, args, { intervalMs = 100, pssEveryMs = 500 } = {}) {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const sampler = sampleMemory(() => [child.pid, ...descendants(child.pid)], {
      intervalMs,
      pssEveryMs,
    });
    child.on('error', (error) => {
      sampler.stop();
      reject(error);
    });
    child.on('close', (code) => {
      const wallSec = (performance.now() - start) / 1000;
      const memory = sampler.stop();
      if (code !== 0) reject(new Error(`${command} exited ${code}: ${stderr.trim().slice(-500)}`));
      // VmHWM is the process's own exact peak (as of the last sample before it exited).
      else
        resolve({
          ...memory,
          wallSec,
          peakRssMiB: Math.max(memory.peakRssMiB, memory.peakHwmSumMiB),
        });
    });
  });
}

/** Clock ticks per second of /proc's CPU times (USER_HZ: 100 on Linux, whatever the kernel's HZ). */
const TICKS_PER_SECOND = 100;

/** The Chromium process type of `pid` ("renderer", "gpu-process", "utility"…; "browser" without one). */
function processType(pid) {
  try {
    // Chromium rewrites its command line into one space-separated string: search it whole.
    const match = /--type=([\w-]+)/.exec(readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
    return match ? match[1] : 'browser';
  } catch {
    return 'gone';
  }
}

/**
 * CPU time (ms, user + system) used so far by every thread of `pids`, summed per "process type/thread name"
 * (e.g. "renderer/DedicatedWorker": every worker of the page; Linux keeps 15 characters of a name).
 */
export function threadCpuMs(pids) {
  const totals = {};
  for (const pid of pids) {
    const type = processType(pid);
    let tids;
    try {
      tids = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tids) {
      try {
        const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replace(/\d+$/, '');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime
        const key = `${type}/${name}`;
        totals[key] = (totals[key] ?? 0) + (ticks * 1000) / TICKS_PER_SECOND;
      } catch {
        // The thread ended while we looked.
      }
    }
  }
  return totals;
}

/** Samples `threadCpuMs(pidsOf())` every `intervalMs` until `stop()`, which returns the samples ({at, cpu}). */
export function sampleThreads(pidsOf, { intervalMs = 500 } = {}) {
  const samples = [];
  const take = () => samples.push({ at: Date.now(), cpu: threadCpuMs(pidsOf()) });
  take();
  const timer = setInterval(take, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      take();
      return samples;
    },
  };
}

/**
 * Where the CPU went between epoch ms `from` and `to`, from `sampleThreads`' samples (the last sample at or
 * before `from`, the first at or after `to`): wall and CPU seconds, cores busy on average, and the `top`
 * threads by CPU with their share of the wall time (1 = one core all along). Null without samples there.
 */
export function threadProfile(samples, from, to, top = 8) {
  const start = samples.filter((s) => s.at <= from).at(-1);
  const end = samples.find((s) => s.at >= to);
  if (!start || !end || end.at <= start.at) return null;
  const wallMs = end.at - start.at;
  const used = Object.entries(end.cpu)
    .map(([thread, ms]) => ({ thread, ms: ms - (start.cpu[thread] ?? 0) }))
    .filter((t) => t.ms > 0)
    .sort((a, b) => b.ms - a.ms);
  const cpuMs = used.reduce((sum, t) => sum + t.ms, 0);
  const round = (x) => Math.round(x * 100) / 100;
  return {
    wallSec: round(wallMs / 1000),
    cpuSec: round(cpuMs / 1000),
    coresBusy: round(cpuMs / wallMs),
    top: used.slice(0, top).map((t) => ({
      thread: t.thread,
      cpuSec: round(t.ms / 1000),
      cores: round(t.ms / wallMs),
    })),
  };
}
