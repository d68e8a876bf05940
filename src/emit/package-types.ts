/** The parts of a Frictionless Data Package that nianbao writes and `nianbao validate` reads. */
export interface PackageField {
  name: string;
  /** Table Schema type: string, integer, number, date, boolean. */
  type: string;
  title?: string;
  description?: string;
}

export interface ForeignKey {
  fields: string[];
  reference: { resource: string; fields: string[] };
}

export interface TableSchema {
  fields: PackageField[];
  primaryKey?: string[];
  foreignKeys?: ForeignKey[];
  missingValues?: string[];
}

export interface PackageResource {
  name: string;
  path: string;
  format?: string;
  profile?: string;
  /** A Table Schema inline, or (JSONL) the path of a JSON Schema. */
  schema?: TableSchema | string;
  [key: string]: unknown;
}

export interface DataPackage {
  name: string;
  resources: PackageResource[];
  [key: string]: unknown;
}

export const isTabular = (r: PackageResource): r is PackageResource & { schema: TableSchema } => typeof r.schema === "object" && r.schema !== null;
