// Renders deploy/nginx.conf.template for a cluster: the instances' ports, nginx's port, and a
// directory of its own for the cache, the pid file and the temporary files.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const TEMPLATE = path.join(__dirname, 'nginx.conf.template');

/**
 * @param {{ port: number, host?: string, instancePorts: number[], runDir: string, workers?: number }} options
 * @returns {string} the nginx.conf text
 */
function nginxConfig({ port, host = '127.0.0.1', instancePorts, runDir, workers = Math.min(2, os.cpus().length) }) {
  if (instancePorts.length === 0) throw new Error('nginx-config: no instance to balance');
  const values = {
    // Started as root, nginx's workers would run as "nobody" and could not write this directory.
    USER: process.getuid && process.getuid() === 0 ? 'user root;' : '',
    WORKERS: String(workers),
    RUN_DIR: runDir,
    HOST: host,
    PORT: String(port),
    INSTANCES: String(instancePorts.length),
    // max_fails=1 fail_timeout=2s: an instance that refused a connection is left out for 2 s.
    SERVERS: instancePorts.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=2s;`).join('\n'),
  };
  return fs.readFileSync(TEMPLATE, 'utf8').replace(/\{\{([A-Z_]+)\}\}/g, (_, name) => {
    if (!(name in values)) throw new Error(`nginx-config: the template names {{${name}}}, which has no value`);
    return values[name];
  });
}

/** Writes the configuration into `runDir` (made if missing) and returns its path. */
function writeNginxConfig(options) {
  fs.mkdirSync(options.runDir, { recursive: true });
  const file = path.join(options.runDir, 'nginx.conf');
  fs.writeFileSync(file, nginxConfig(options));
  return file;
}

module.exports = { nginxConfig, writeNginxConfig };
