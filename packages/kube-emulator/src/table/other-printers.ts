// Rows for the non-core built-in kinds the emulator serves, and the default table convertor
// (Name, Created At) that kube-apiserver uses for kinds without a printer.
import type { JsonObject } from '../json.ts';
import { AGE_COLUMN, CREATION_TIMESTAMP_DESCRIPTION, NAME_COLUMN, column } from './columns.ts';
import { timestampSince } from './human-duration.ts';
import {
  formatLabelSelector,
  listWithMore,
  metadataOf,
  num,
  obj,
  objs,
  str,
} from './json-access.ts';
import type { Printer } from './printer.ts';

function name(o: JsonObject): string {
  return str(metadataOf(o).name);
}

function age(o: JsonObject, now: Date): string {
  return timestampSince(metadataOf(o).creationTimestamp, now);
}

/** Go's time.RFC3339 in UTC, as the default convertor prints creationTimestamp. */
function createdAt(o: JsonObject): string {
  const ts = Date.parse(str(metadataOf(o).creationTimestamp));
  // a zero time prints as Go's zero value
  if (Number.isNaN(ts)) return '0001-01-01T00:00:00Z';
  return new Date(ts).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export const DEFAULT_PRINTER: Printer = {
  columns: [NAME_COLUMN, column('Created At', CREATION_TIMESTAMP_DESCRIPTION, { type: 'date' })],
  row: (o) => ({ cells: [name(o), createdAt(o)] }),
};

const MAX_LISTED = 3;

export const ENDPOINT_SLICE_PRINTER: Printer = {
  columns: [
    NAME_COLUMN,
    column('AddressType', 'The IP protocol for this slice'),
    column('Ports', 'The ports contained in this slice'),
    column('Endpoints', 'The endpoints contained in this slice'),
    AGE_COLUMN,
  ],
  row: (slice, now) => {
    const ports = objs(slice.ports);
    const portList = ports
      .slice(0, MAX_LISTED)
      .map((p) =>
        typeof p.port === 'number' ? String(p.port) : typeof p.name === 'string' ? p.name : '*',
      );
    const addresses: string[] = [];
    let count = 0;
    for (const ep of objs(slice.endpoints)) {
      for (const a of ep.addresses instanceof Array ? ep.addresses : []) {
        if (addresses.length < MAX_LISTED) addresses.push(str(a));
        count++;
      }
    }
    return {
      cells: [
        name(slice),
        str(slice.addressType),
        listWithMore(portList, ports.length, MAX_LISTED, '<unset>'),
        listWithMore(addresses, count, MAX_LISTED, '<unset>'),
        age(slice, now),
      ],
    };
  },
};

export const LEASE_PRINTER: Printer = {
  columns: [NAME_COLUMN, column('Holder', 'The holder of the lease'), AGE_COLUMN],
  row: (lease, now) => ({
    cells: [name(lease), str(obj(lease.spec).holderIdentity), age(lease, now)],
  }),
};

export const DEPLOYMENT_PRINTER: Printer = {
  columns: [
    NAME_COLUMN,
    column('Ready', 'Number of the pod with ready state'),
    column(
      'Up-to-date',
      'Total number of non-terminated pods targeted by this deployment that have the desired template spec.',
      { type: 'integer' },
    ),
    column(
      'Available',
      'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.',
      { type: 'integer' },
    ),
    AGE_COLUMN,
    column('Containers', 'Names of each container in the template.', { priority: 1 }),
    column('Images', 'Images referenced by each container in the template.', { priority: 1 }),
    column(
      'Selector',
      'Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment.',
      { priority: 1 },
    ),
  ],
  row: (d, now) => {
    const spec = obj(d.spec);
    const status = obj(d.status);
    // spec.replicas defaults to 1 on a real server; the emulator may not have defaulted it
    const desired = typeof spec.replicas === 'number' ? spec.replicas : 1;
    const containers = objs(obj(obj(spec.template).spec).containers);
    return {
      cells: [
        name(d),
        `${num(status.readyReplicas)}/${desired}`,
        num(status.updatedReplicas),
        num(status.availableReplicas),
        age(d, now),
        containers.map((c) => str(c.name)).join(','),
        containers.map((c) => str(c.image)).join(','),
        formatLabelSelector(spec.selector),
      ],
    };
  },
};

const ROLE_COLUMNS = [NAME_COLUMN, column('Created At', CREATION_TIMESTAMP_DESCRIPTION)];

export const ROLE_PRINTER: Printer = {
  columns: ROLE_COLUMNS,
  row: (r) => ({ cells: [name(r), createdAt(r)] }),
};

export const ROLE_BINDING_PRINTER: Printer = {
  columns: [
    NAME_COLUMN,
    column(
      'Role',
      'RoleRef can reference a Role in the current namespace or a ClusterRole in the global namespace.',
    ),
    AGE_COLUMN,
    column('Users', 'Users in the roleBinding', { priority: 1 }),
    column('Groups', 'Groups in the roleBinding', { priority: 1 }),
    column('ServiceAccounts', 'ServiceAccounts in the roleBinding', { priority: 1 }),
  ],
  row: (b, now) => {
    const ref = obj(b.roleRef);
    const users: string[] = [];
    const groups: string[] = [];
    const serviceAccounts: string[] = [];
    for (const s of objs(b.subjects)) {
      switch (str(s.kind)) {
        case 'User':
          users.push(str(s.name));
          break;
        case 'Group':
          groups.push(str(s.name));
          break;
        case 'ServiceAccount':
          serviceAccounts.push(`${str(s.namespace)}/${str(s.name)}`);
          break;
      }
    }
    return {
      cells: [
        name(b),
        `${str(ref.kind)}/${str(ref.name)}`,
        age(b, now),
        users.join(', '),
        groups.join(', '),
        serviceAccounts.join(', '),
      ],
    };
  },
};
