/**
 * `npm run bench:media` — what the media pipeline costs over calling sharp and ffmpeg directly.
 * Not a test. The sides run in alternation (A B, B A, …), several times each, and the best run
 * of each is compared (medians are printed too): other work on the machine only slows runs down.
 *
 * Images: N (BENCH_IMAGES, default 40) generated 4000×3000 sources, half photo-like JPEGs,
 * half PNG graphics with transparency, processed one after another; one warm-up run per side.
 *   pipeline = readImageInfo (header read) + makeImageRenditions: one decode, resized to
 *              preview size, from which both files are encoded (see image-pipeline.ts).
 *   bare     = per image, two independent sharp calls on the file, in parallel, with the same
 *              options: rotate, resize inside 2560 (no enlargement), flatten on white if alpha,
 *              PNG (PNG sources) or JPEG q88 → preview; rotate, resize to 480 wide, flatten if
 *              alpha, JPEG q80 → thumbnail. Formats are decided up front, outside the timing,
 *              so bare sharp reads no header. Each side decodes the source its own way; the
 *              pipeline's single decode is where it gains.
 * Video: a generated 10 s 1920×1080 25 fps clip with audio, probed once (outside the timing).
 *   HLS   = the HLS transcode inside makeVideoRenditions (from its 0 % to its 100 % progress
 *           call: spawn, progress parsing, exit) vs bare `ffmpeg` with the same
 *           hlsArgs and output discarded.
 *   whole = makeVideoRenditions (poster + thumbnail + HLS) vs bare ffmpeg posterArgs, a bare
 *           sharp thumbnail and bare ffmpeg hlsArgs, one after another.
 * The targets are about wall time, which on a shared machine swings by tens of percent between
 * identical runs; CPU time (this process's for sharp, ffmpeg's for the HLS transcode) is printed
 * as a cross-check, though it too moves by ±10% under contention. BENCH_ROUNDS (default 3)
 * buys steadier numbers with time.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp, { type Sharp } from 'sharp';
import { hlsArgs, hlsLadder, posterArgs } from '../../src/server/media/ffmpeg-args';
import { makeImageRenditions, readImageInfo } from '../../src/server/media/image-pipeline';
import {
  FFMPEG_MISSING_MESSAGE,
  locateFfmpeg,
  makeVideoRenditions,
  probeVideo,
} from '../../src/server/media/video-pipeline';

const IMAGES = Number(process.env.BENCH_IMAGES ?? 40);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const MAX_PIXELS = 100_000_000;
const WHITE = '#ffffff';

const root = mkdtempSync(path.join(tmpdir(), 'media-bench-'));
process.on('exit', () => rmSync(root, { recursive: true, force: true }));
let outs = 0;
const freshDir = () => {
  const dir = path.join(root, `out-${outs++}`);
  mkdirSync(dir);
  return dir;
};

async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/** Named timings (ms) of one run of one side. */
type Timings = Record<string, number>;

/**
 * Runs the sides in alternation, `rounds` times, the order flipping every round (A B, B A, …)
 * so neither side always follows the other; optionally after one discarded warm-up run each.
 */
async function alternate<K extends string>(
  rounds: number,
  warmUp: boolean,
  sides: Record<K, () => Promise<Timings>>,
): Promise<Record<K, Timings[]>> {
  const names = Object.keys(sides) as K[];
  if (warmUp) for (const name of names) await sides[name]();
  const results = Object.fromEntries(names.map((n) => [n, [] as Timings[]])) as Record<
    K,
    Timings[]
  >;
  for (let i = 0; i < rounds; i++) {
    for (const name of i % 2 ? [...names].reverse() : names) {
      results[name].push(await sides[name]());
    }
  }
  return results;
}

const col = (runs: Timings[], key: string) => runs.map((r) => r[key]!);
const best = (xs: number[]) => Math.min(...xs);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const verdict = (ratio: number, target: number) =>
  `${ratio.toFixed(2)} (target ≥ ${target} → ${ratio >= target ? 'PASS' : 'FAIL'})`;

// ---- images -------------------------------------------------------------------------------

interface Source {
  file: string;
  png: boolean;
  alpha: boolean;
}

async function generateImages(): Promise<Source[]> {
  const width = 4000;
  const height = 3000;
  // Photo-like: upscaled noise, smooth colour blotches that do not compress away.
  const photo = await sharp({
    create: {
      width: 500,
      height: 375,
      channels: 3,
      background: '#808080',
      noise: { type: 'gaussian', mean: 128, sigma: 60 },
    },
  })
    .resize(width, height, { kernel: 'cubic' })
    .blur(1.5)
    .raw()
    .toBuffer();
  const sources: Source[] = [];
  for (let i = 0; i < IMAGES; i++) {
    const file = path.join(root, `src-${i}.${i % 2 ? 'png' : 'jpg'}`);
    if (i % 2) {
      const hue = (i * 37) % 360;
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
        <defs><linearGradient id="g" x2="1" y2="1">
          <stop offset="0" stop-color="hsl(${hue},70%,55%)"/>
          <stop offset="1" stop-color="hsl(${(hue + 120) % 360},70%,35%)" stop-opacity="0"/>
        </linearGradient></defs>
        <rect width="100%" height="100%" fill="url(#g)"/>
        ${Array.from(
          { length: 40 },
          (_, k) =>
            `<circle cx="${(k * 977 + i * 131) % width}" cy="${(k * 613 + i * 71) % height}" r="${80 + ((k * 53) % 300)}" fill="hsl(${(hue + k * 29) % 360},60%,50%)" fill-opacity="0.7"/>`,
        ).join('')}
        <text x="200" y="2800" font-size="320" font-family="sans-serif" fill="#222">Layout v${i}</text>
      </svg>`;
      await sharp(Buffer.from(svg)).png().toFile(file);
      sources.push({ file, png: true, alpha: true });
    } else {
      await sharp(photo, { raw: { width, height, channels: 3 } })
        .modulate({ hue: i * 17 })
        .jpeg({ quality: 90 })
        .toFile(file);
      sources.push({ file, png: false, alpha: false });
    }
  }
  return sources;
}

type ImageSide = (source: Source, outDir: string) => Promise<unknown>;

async function pipelineImage(s: Source, outDir: string) {
  const info = await readImageInfo(s.file, MAX_PIXELS);
  await makeImageRenditions(s.file, outDir, info, { maxPixels: MAX_PIXELS });
}

async function bareImage(s: Source, outDir: string) {
  const open = (): Sharp => {
    const image = sharp(s.file, { limitInputPixels: MAX_PIXELS }).rotate();
    return s.alpha ? image.flatten({ background: WHITE }) : image;
  };
  const preview = open().resize({
    width: 2560,
    height: 2560,
    fit: 'inside',
    withoutEnlargement: true,
  });
  await Promise.all([
    (s.png ? preview.png() : preview.jpeg({ quality: 88 })).toFile(
      path.join(outDir, s.png ? 'preview.png' : 'preview.jpg'),
    ),
    open()
      .resize({ width: 480, withoutEnlargement: true })
      .jpeg({ quality: 80 })
      .toFile(path.join(outDir, 'thumbnail.jpg')),
  ]);
}

/** All sources, one after another, each timed; totals per source format and overall. */
async function imageRun(sources: Source[], side: ImageSide): Promise<Timings> {
  const dirs = sources.map(() => freshDir());
  const totals = { all: 0, jpeg: 0, png: 0, cpu: 0 };
  const cpu = process.cpuUsage();
  for (const [i, s] of sources.entries()) {
    const ms = await time(() => side(s, dirs[i]!));
    totals.all += ms;
    totals[s.png ? 'png' : 'jpeg'] += ms;
  }
  const used = process.cpuUsage(cpu);
  totals.cpu = (used.user + used.system) / 1000;
  return totals;
}

console.log(`generating ${IMAGES} 4000×3000 images (half JPEG photos, half PNG graphics)…`);
const sources = await generateImages();
console.log(
  `sharp ${sharp.versions.sharp}, libvips ${sharp.versions.vips}, concurrency ${sharp.concurrency()}`,
);
const images = await alternate(ROUNDS, true, {
  pipeline: () => imageRun(sources, pipelineImage),
  bare: () => imageRun(sources, bareImage),
});
const perSecond = (ms: number, count: number) => ((count / ms) * 1000).toFixed(2);
for (const [key, count] of [
  ['jpeg', Math.ceil(IMAGES / 2)],
  ['png', Math.floor(IMAGES / 2)],
  ['all', IMAGES],
] as const) {
  const [ours, bare] = [col(images.pipeline, key), col(images.bare, key)];
  console.log(
    `  ${key.padEnd(4)} pipeline ${perSecond(best(ours), count)} images/s best, ${perSecond(median(ours), count)} median; ` +
      `bare ${perSecond(best(bare), count)} best, ${perSecond(median(bare), count)} median`,
  );
}
console.log(
  `  images/s (preview + thumbnail), pipeline / bare sharp: ${verdict(best(col(images.bare, 'all')) / best(col(images.pipeline, 'all')), 0.9)}`,
);
const cpuSecs = (xs: number[]) => `${(best(xs) / 1000).toFixed(1)} s`;
const [cpuOurs, cpuBare] = [col(images.pipeline, 'cpu'), col(images.bare, 'cpu')];
console.log(
  `  cross-check, CPU time (all threads): pipeline ${cpuSecs(cpuOurs)}, bare ${cpuSecs(cpuBare)}; ` +
    `pipeline / bare ${(best(cpuBare) / best(cpuOurs)).toFixed(2)}`,
);

// ---- video --------------------------------------------------------------------------------

const bin = locateFfmpeg(process.env.FFMPEG_PATH);
if (!bin) {
  console.log(`video skipped: ${FFMPEG_MISSING_MESSAGE}`);
  process.exit(0);
}
const clip = path.join(root, 'clip.mp4');
console.log('generating a 10 s 1920×1080 25 fps clip with audio…');
const gen = spawnSync(
  bin.ffmpeg,
  [
    ...['-hide_banner', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=1920x1080:rate=25:duration=10'],
    ...['-f', 'lavfi', '-i', 'sine=frequency=440:duration=10', '-shortest'],
    ...['-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', clip],
  ],
  { stdio: 'ignore' },
);
if (gen.status !== 0) throw new Error('could not generate the clip');
const probe = await probeVideo(bin, clip);
const ladder = hlsLadder(probe);
console.log(`HLS ladder: ${ladder.map((r) => `${r.name} ${r.videoKbps} kb/s`).join(', ')}`);

function ffmpeg(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin!.ffmpeg, args, { stdio: 'ignore' });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`ffmpeg: ${code}`))));
  });
}

const ticksPerSecond =
  Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100;
/**
 * CPU ms used so far by this process's finished children (cutime + cstime of /proc/self/stat),
 * i.e. by ffmpeg: unlike wall time it hardly moves when other work shares the machine. NaN
 * where there is no /proc.
 */
function childCpuMs(): number {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / ticksPerSecond;
  } catch {
    return NaN;
  }
}

// No warm-up run: making and probing the clip already loaded ffmpeg and cached the input, and
// each 1080p transcode takes tens of seconds on a small machine.
const runs = await alternate(ROUNDS, false, {
  pipeline: async () => {
    const start = { wall: 0, cpu: 0 };
    let hls = 0;
    let hlsCpu = 0;
    const whole = await time(() =>
      makeVideoRenditions(bin, clip, freshDir(), probe, (p) => {
        if (p === 0) Object.assign(start, { wall: performance.now(), cpu: childCpuMs() });
        if (p === 100) {
          hls = performance.now() - start.wall;
          hlsCpu = childCpuMs() - start.cpu;
        }
      }),
    );
    return { hls, hlsCpu, whole };
  },
  bare: async () => {
    const out = freshDir();
    const poster = path.join(out, 'poster.jpg');
    const stills = await time(async () => {
      await ffmpeg(posterArgs(clip, poster, probe, Math.min(1280, probe.width)));
      await sharp(poster)
        .resize({ width: 480, withoutEnlargement: true })
        .jpeg({ quality: 80 })
        .toFile(path.join(out, 'thumbnail.jpg'));
    });
    const cpu = childCpuMs();
    const hls = await time(() => ffmpeg(hlsArgs(clip, path.join(out, 'hls'), probe, ladder)));
    return { hls, hlsCpu: childCpuMs() - cpu, whole: stills + hls };
  },
});

const secs = (xs: number[]) =>
  `${(best(xs) / 1000).toFixed(2)} s best, ${(median(xs) / 1000).toFixed(2)} s median`;
for (const [key, label] of [
  ['hls', 'HLS transcode, wall time'],
  ['whole', 'whole makeVideoRenditions, wall time'],
] as const) {
  const [ours, bare] = [col(runs.pipeline, key), col(runs.bare, key)];
  console.log(`  ${label}: pipeline ${secs(ours)}; bare ${secs(bare)}`);
  console.log(`    speed, pipeline / bare: ${verdict(best(bare) / best(ours), 0.95)}`);
}
const [cpuHlsOurs, cpuHlsBare] = [col(runs.pipeline, 'hlsCpu'), col(runs.bare, 'hlsCpu')];
console.log(
  `  cross-check, HLS transcode ffmpeg CPU time: pipeline ${secs(cpuHlsOurs)}; bare ${secs(cpuHlsBare)}; ` +
    `pipeline / bare ${(best(cpuHlsBare) / best(cpuHlsOurs)).toFixed(2)}`,
);
