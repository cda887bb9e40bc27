#!/usr/bin/env python3
"""Checks docker/compose.cluster.yaml without a Docker engine (`docker compose config` needs one):
it parses, every dependency and volume it names exists, it builds and runs the same image and
commands as docker/compose.yaml, every helpdesk setting it sets exists in settings.ts, and the
roles are split as the README says (projections only in projectors, clocks in api-primary only)."""
import re
import sys
from pathlib import Path

import yaml

root = Path(__file__).resolve().parent.parent
cluster = yaml.safe_load((root / 'docker/compose.cluster.yaml').read_text())
single = yaml.safe_load((root / 'docker/compose.yaml').read_text())
settings = (root / 'apps/api/src/config/settings.ts').read_text()
problems = []
services = cluster['services']

for want in ['es1', 'es2', 'es3', 'mongo1', 'mongo2', 'mongo3', 'mongo-init', 'api-primary', 'api', 'projector', 'lb']:
    if want not in services:
        problems.append(f'no service {want}')
for name, service in services.items():
    for dependency in service.get('depends_on') or {}:
        if dependency not in services:
            problems.append(f'{name} depends on unknown {dependency}')
    for volume in service.get('volumes') or []:
        source = volume.split(':')[0]
        if source.startswith('.'):
            if not (root / 'docker' / source).exists():
                problems.append(f'{name} mounts missing file {source}')
        elif source not in (cluster.get('volumes') or {}):
            problems.append(f'{name} mounts undeclared volume {source}')
    environment = service.get('environment') or {}
    for key in environment:
        if not key.startswith('EVENTSTORE_') and not re.search(r'\b' + re.escape(key) + r'\b', settings):
            problems.append(f'{name} sets {key}, which settings.ts does not know')

es_nodes = [n for n in services if n.startswith('es')]
for node in es_nodes:
    env = services[node]['environment']
    if env.get('EVENTSTORE_CLUSTER_SIZE') != '3':
        problems.append(f'{node} is not in a cluster of 3')
    seeds = set(env.get('EVENTSTORE_GOSSIP_SEED', '').replace(':2113', '').split(','))
    if seeds != set(es_nodes) - {node}:
        problems.append(f'{node} gossips with {sorted(seeds)}')
init = ' '.join(services['mongo-init']['command'])
for member in ['mongo1', 'mongo2', 'mongo3']:
    if f"host: '{member}:27017'" not in init:
        problems.append(f'the replica set does not include {member}')

for name in ['api', 'api-primary', 'projector']:
    for key in ['build', 'image']:
        if services[name][key] != single['services']['api'][key]:
            problems.append(f'{name}.{key} differs from docker/compose.yaml')
    env = services[name]['environment']
    if env.get('RUN_PROJECTIONS') != 'false':
        problems.append(f'{name} runs projections: only the leased projector may')
    for key in ['AUTH_JWT_SECRET', 'MAIL_THREAD_SECRET', 'EVENT_STORE_URL', 'MONGO_URL', 'DATA_DIR']:
        if key not in env:
            problems.append(f'{name} lacks {key}')
    if not env['EVENT_STORE_URL'].startswith('esdb://es1:2113,es2:2113,es3:2113'):
        problems.append(f'{name} does not reach all three EventStoreDB nodes')
    if 'replicaSet=rs0' not in env['MONGO_URL'] or env['MONGO_URL'].count('mongo') < 4:
        problems.append(f'{name} does not reach the replica set')
for name in ['api', 'api-primary']:
    if services[name]['command'] != single['services']['api']['command']:
        problems.append(f'{name} runs another command than docker/compose.yaml')
if services['projector']['command'] != single['services']['projector']['command']:
    problems.append('projector runs another command than docker/compose.yaml')
for key in ['RUN_SLA_WATCH', 'RUN_ROUTING', 'RUN_NOTIFICATIONS']:
    if services['api-primary']['environment'].get(key) != 'true' or services['api']['environment'].get(key) != 'false':
        problems.append(f'{key} must be on in api-primary only')
nginx = (root / 'docker/nginx.cluster.conf').read_text()
for upstream in ['api-primary:3000', 'api:3000']:
    if f'server {upstream}' not in nginx:
        problems.append(f'nginx does not balance onto {upstream}')

if problems:
    print('\n'.join(problems))
    sys.exit(1)
print(f'compose.cluster.yaml: {len(services)} services; consistent with compose.yaml, settings.ts and nginx.cluster.conf')
