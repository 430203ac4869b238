/**
 * TEST HOOK (e2e/robustness-faults.spec.ts, set through `window.__garim.injectFault('decode-held')`): holds
 * the analysis decoder before one frame for a while, as a browser that runs none of the tab's decoders does
 * (docs/ROBUSTNESS.md, "Stalls"), and the canary says so while the hold lasts. It holds once, then the pass
 * goes on as usual. Nothing outside the e2e fault test makes one, and only a test build's media worker can
 * (a production bundle leaves this class out).
 */
import type { VideoSample } from 'mediabunny';
import { decodersStarved } from './decoder-canary.ts';
import { beforeEachFrame } from './decode-recovery.ts';

export class DecoderHold {
  private holding = false;
  private used = false;
  private readonly frame: number;
  private readonly ms: number;

  constructor(frame: number, ms: number) {
    this.frame = frame;
    this.ms = ms;
  }

  /** `samples`, with the one that becomes `frame` (counted from `firstIndex`, past `isSkipped`) held back. */
  wrap(
    samples: AsyncIterable<VideoSample>,
    firstIndex: number,
    isSkipped: (sample: VideoSample) => boolean,
  ): AsyncGenerator<VideoSample> {
    return beforeEachFrame(samples, firstIndex, isSkipped, (index) =>
      index === this.frame && !this.used ? this.hold() : undefined,
    );
  }

  /** The canary's answer: held up while the hold lasts, else the real canary's. */
  readonly starved = (): Promise<boolean> =>
    this.holding ? Promise.resolve(true) : decodersStarved();

  private async hold(): Promise<void> {
    this.used = true;
    this.holding = true;
    try {
      await new Promise((resolve) => setTimeout(resolve, this.ms));
    } finally {
      this.holding = false;
    }
  }
}
