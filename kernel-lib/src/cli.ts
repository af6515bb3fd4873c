#!/usr/bin/env node
/**
 * `synthlab run [--config file.json] [--out dir] [--seed n] [--stages a,b]`: the whole study on
 * the embedded default data, written to out/report.html and out/results.json.
 */
import { readFileSync } from 'node:fs';
import { defaultConfig, parseConfig, runStudy, type StudyConfig } from './experiments';

const USAGE = 'usage: synthlab run [--config file.json] [--out dir] [--seed n] [--stages id,id] [--profile ci|default|full]';

function parseArgs(argv: string[]): StudyConfig {
  const [command, ...rest] = argv;
  if (command !== 'run') throw new Error(USAGE);
  let config = defaultConfig();
  for (let i = 0; i < rest.length; i += 2) {
    const flag = rest[i], value = rest[i + 1];
    if (value === undefined) throw new Error(`${flag} needs a value\n${USAGE}`);
    if (flag === '--config') config = { ...config, ...parseConfig(JSON.parse(readFileSync(value, 'utf8')), value) };
    else if (flag === '--out') config.outDir = value;
    else if (flag === '--seed') config = { ...config, ...parseConfig({ seed: Number(value) }, '--seed') };
    else if (flag === '--stages') config.stages = value.split(',');
    else if (flag === '--profile') config = { ...config, ...parseConfig({ profile: value }, '--profile') };
    else throw new Error(`unknown option ${flag}\n${USAGE}`);
  }
  return config;
}

async function main(): Promise<number> {
  const config = parseArgs(process.argv.slice(2));
  console.error(`Synthlab study: profile ${config.profile}, seed ${config.seed}, out ${config.outDir}`);
  const result = await runStudy(config);
  console.error(`Report: ${result.reportPath}\nNumbers: ${result.resultsPath}`);
  if (result.failed.length > 0) {
    console.error(`Failed stages: ${result.failed.join(', ')}`);
    return 1;
  }
  return 0;
}

main().then((code) => process.exit(code), (err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(2);
});
