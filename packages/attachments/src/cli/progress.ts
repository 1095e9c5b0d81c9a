/**
 * What `connect-attach upload` shows while it works: on a terminal, one line redrawn in place with a
 * bar, bytes, rate and stage; otherwise (a pipe, a CI log) plain lines at each stage and every 10 %.
 */
import type { UploadProgress } from "../upload.js";

export interface ProgressWriter {
  write(text: string): unknown;
}

export interface ProgressReporter {
  update(progress: UploadProgress): void;
  /** Ends the in-place line, if any, so that what follows starts on its own line. */
  done(): void;
}

const STAGE_TEXT = { start: "starting upload", upload: "uploading", complete: "completing", wait: "waiting for processing", relate: "relating the file to the case" } as const;

export function createProgressReporter(out: ProgressWriter, options: { tty: boolean; columns?: number; now?: () => number }): ProgressReporter {
  const now = options.now ?? (() => performance.now());
  let uploadStarted = 0;
  let lastDraw = 0;
  let lastDecile = -1;
  let drawn = false;
  let lastLine = "";

  const rate = (bytes: number) => {
    const seconds = (now() - uploadStarted) / 1000;
    return seconds > 0.05 ? `${formatBytes(bytes / seconds)}/s` : "";
  };

  const draw = (text: string) => {
    // Some terminals (and pipes pretending to be one) report 0 columns: treat that as unknown.
    const columns = options.columns !== undefined && Number.isFinite(options.columns) && options.columns > 0 ? options.columns : 80;
    const width = Math.max(20, columns - 1);
    const line = text.length > width ? text.slice(0, width) : text.padEnd(Math.min(width, Math.max(text.length, lastLine.length)));
    out.write(`\r${line}`);
    lastLine = text;
    drawn = true;
  };
  const println = (text: string) => {
    if (drawn) {
      out.write("\n");
      drawn = false;
      lastLine = "";
    }
    out.write(`${text}\n`);
  };

  return {
    update(p) {
      switch (p.event) {
        case "stage":
          if (p.stage === "upload") {
            uploadStarted = now();
            lastDecile = -1;
          }
          if (options.tty) draw(`${STAGE_TEXT[p.stage]}…${p.fileId ? ` (${p.fileId})` : ""}`);
          else println(`${STAGE_TEXT[p.stage]}${p.fileId ? ` (file ${p.fileId})` : ""}`);
          return;
        case "bytes": {
          const fraction = p.totalBytes > 0 ? p.bytesSent / p.totalBytes : 1;
          if (options.tty) {
            const t = now();
            if (t - lastDraw < 80 && p.bytesSent < p.totalBytes) return;
            lastDraw = t;
            const barWidth = 24;
            const filled = Math.round(fraction * barWidth);
            const bar = `${"█".repeat(filled)}${"░".repeat(barWidth - filled)}`;
            draw(`uploading ${bar} ${(fraction * 100).toFixed(0).padStart(3)}%  ${formatBytes(p.bytesSent)} / ${formatBytes(p.totalBytes)}  ${rate(p.bytesSent)}`);
          } else {
            const decile = Math.floor(fraction * 10);
            if (decile === lastDecile) return;
            lastDecile = decile;
            println(`uploaded ${formatBytes(p.bytesSent)} of ${formatBytes(p.totalBytes)} (${decile * 10}%)`);
          }
          return;
        }
        case "retry":
          println(`upload attempt ${p.attempt} failed (${p.reason}); retrying in ${p.delayMs} ms`);
          uploadStarted = now();
          lastDecile = -1;
          return;
        case "restart":
          println(`the upload URL expired (${p.reason}); starting again with a new URL`);
          return;
        case "poll":
          if (options.tty) draw(`waiting for processing… status ${p.status}`);
          else println(`status ${p.status}`);
          return;
      }
    },
    done() {
      if (drawn) out.write("\n");
      drawn = false;
    },
  };
}

export function formatBytes(bytes: number): string {
  const units = ["B", "KB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return unit === 0 ? `${Math.round(value)} B` : `${value.toFixed(1)} ${units[unit]}`;
}
