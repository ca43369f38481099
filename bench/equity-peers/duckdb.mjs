// DuckDB peer for the equity benchmark: loads the CSV into an in-memory table, then times the
// bare group-by into the same cells Braid collapses to. Prints JSON on stdout.
import { DuckDBInstance } from '@duckdb/node-api';

const [csv, runs] = [process.argv[2], Number(process.argv[3] ?? 5)];
const instance = await DuckDBInstance.create(':memory:');
const db = await instance.connect();
await db.run(`CREATE TABLE t AS SELECT * FROM read_csv('${csv.replaceAll("'", "''")}', header = true,
  columns = {'race': 'VARCHAR', 'age_band': 'VARCHAR', 'need': 'VARCHAR', 'sex': 'VARCHAR', 'county': 'VARCHAR', 'year': 'VARCHAR', 'need_met': 'INTEGER'})`);
const query = `SELECT race, age_band, need, sex, county, year, count(*) AS n, sum(need_met) AS events
  FROM t GROUP BY race, age_band, need, sex, county, year`;
await (await db.run(query)).getRows(); // warm-up
const times = [];
let cells = 0, events = 0;
for (let i = 0; i < runs; i++) {
  const start = process.hrtime.bigint();
  const rows = await (await db.run(query)).getRows();
  times.push(Number(process.hrtime.bigint() - start) / 1e6);
  cells = rows.length;
  events = rows.reduce((s, r) => s + Number(r[7]), 0);
}
const version = (await (await db.run('SELECT version()')).getRows())[0][0];
console.log(JSON.stringify({ version: `DuckDB ${version} (Node.js ${process.version})`, times_ms: times, cells, events }));
