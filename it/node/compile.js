#!/usr/bin/env node
// Reproducible compile of it/solidity/*.sol with the solc-js pinned in it/node/package.json.
// Writes one JSON artifact per deployable contract: node it/node/compile.js [OUT_DIR]
// (default it/solidity/build). Settings are fixed here and recorded in each artifact; the CBOR
// metadata is left out so that the bytecode depends only on the sources and these settings.
'use strict';
const fs = require('fs');
const path = require('path');
const solc = require('solc');

const SRC = path.join(__dirname, '..', 'solidity');
const OUT = path.resolve(process.argv[2] || path.join(SRC, 'build'));
const PINNED = require('./package.json').dependencies.solc;
const SETTINGS = {
  optimizer: { enabled: true, runs: 200 },
  evmVersion: 'shanghai',
  metadata: { bytecodeHash: 'none', appendCBOR: false },
  outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] } },
};

if (!solc.version().startsWith(PINNED + '+')) {
  console.error(`compile.js: solc-js ${solc.version()} is not the pinned ${PINNED} (run npm ci in it/node)`);
  process.exit(2);
}
const sources = {};
for (const f of fs.readdirSync(SRC).filter((n) => n.endsWith('.sol')).sort()) {
  sources[f] = { content: fs.readFileSync(path.join(SRC, f), 'utf8') };
}
const out = JSON.parse(solc.compile(JSON.stringify({ language: 'Solidity', sources, settings: SETTINGS })));
const errors = (out.errors || []).filter((e) => e.severity === 'error');
if (errors.length) {
  errors.forEach((e) => console.error(e.formattedMessage));
  process.exit(1);
}
fs.mkdirSync(OUT, { recursive: true });
for (const file of Object.keys(out.contracts).sort()) {
  for (const [name, c] of Object.entries(out.contracts[file])) {
    if (!c.evm.bytecode.object) continue; // interfaces
    const artifact = {
      contractName: name,
      sourceName: file,
      compiler: 'solc-js ' + solc.version(),
      settings: { optimizer: SETTINGS.optimizer, evmVersion: SETTINGS.evmVersion, metadata: SETTINGS.metadata },
      abi: c.abi,
      bytecode: '0x' + c.evm.bytecode.object,
      deployedBytecode: '0x' + c.evm.deployedBytecode.object,
    };
    fs.writeFileSync(path.join(OUT, name + '.json'), JSON.stringify(artifact, null, 2) + '\n');
    console.log(`compile.js: ${file}:${name} -> ${path.relative(process.cwd(), path.join(OUT, name + '.json'))}`);
  }
}
