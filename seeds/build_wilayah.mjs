// Derives seeds/wilayah.csv from the npm package idn-area-data (pinned in
// seeds/package.json). Run: `npm ci --prefix seeds && node seeds/build_wilayah.mjs`
// (or `make seeds`); an optional argument writes elsewhere instead. The output is committed; `make test` regenerates it and
// fails if the result differs, so the committed file is always reproducible.
//
// Output: one line per region, every level (province, kabupaten/kota,
// kecamatan, desa/kelurahan), Kemendagri code with dots, sorted by code:
//   kode,nama
//   35,Jawa Timur
//   35.14,Kabupaten Pasuruan
//   35.14.01,Purwodadi
//   35.14.01.2001,Gerbo
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const dataDir = join(here, "node_modules", "idn-area-data", "data");

/** Parses RFC 4180 CSV (quoted fields, doubled quotes, commas inside quotes). */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
        }
      } else {
        field += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else {
      field += c;
    }
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function load(file) {
  const [header, ...rows] = parseCsv(readFileSync(join(dataDir, file), "utf8"));
  const code = header.indexOf("code");
  const name = header.indexOf("name");
  if (code < 0 || name < 0) throw new Error(`${file}: no code/name column`);
  return rows.filter((r) => r.length > 1).map((r) => [r[code].trim(), r[name].trim()]);
}

function quote(value) {
  return /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

const all = [
  ...load("provinces.csv"),
  ...load("regencies.csv"),
  ...load("districts.csv"),
  ...load("villages.csv"),
];
const pattern = /^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/;
for (const [code] of all) {
  if (!pattern.test(code)) throw new Error(`unexpected code ${code}`);
}
all.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
const out = ["kode,nama", ...all.map(([c, n]) => `${c},${quote(n)}`)].join("\n") + "\n";
const target = process.argv[2] ?? join(here, "wilayah.csv");
writeFileSync(target, out);
const count = (len) => all.filter(([c]) => c.length === len).length;
console.error(
  `wilayah.csv: ${count(2)} provinsi, ${count(5)} kabupaten/kota, ${count(8)} kecamatan, ${count(13)} desa/kelurahan`,
);
