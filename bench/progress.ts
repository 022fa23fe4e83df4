/** A one-line progress bar on stderr: rows, rows per second, ETA. */
export function progressBar(started: number, width = 30) {
  return (rows: number, expected: number) => {
    const seconds = (performance.now() - started) / 1000;
    const share = Math.min(1, rows / expected);
    const rate = rows / Math.max(seconds, 0.001);
    const eta = share >= 1 ? 0 : (expected - rows) / rate;
    const filled = Math.round(share * width);
    process.stderr.write(
      `\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${(share * 100).toFixed(0).padStart(3)}% ` +
        `${rows.toLocaleString('en')} rows  ${Math.round(rate).toLocaleString('en')} rows/s  ETA ${eta.toFixed(0)} s   `,
    );
  };
}
