// Offline check of a SAM/CloudFormation template against the AWS resource specification (@aws-cdk/cfnspec):
// unknown resource types, unknown or missing properties, dangling !Ref / !GetAtt / ${...} / conditions.
// Usage: node template/check.mjs <template.yaml>. Exit 0 when clean, 1 with one line per problem.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import yaml from 'js-yaml';

const require = createRequire(import.meta.url);
const spec = require('@aws-cdk/cfnspec').specification();

const tag = (name, kind) => new yaml.Type(`!${name}`, { kind, construct: (data) => ({ [`Fn::${name}`]: data }) });
const tags = [];
for (const name of ['Ref', 'Sub', 'GetAtt', 'If', 'Equals', 'Not', 'And', 'Or', 'Condition', 'Join', 'Select', 'Split',
  'FindInMap', 'Base64', 'Cidr', 'ImportValue', 'GetAZs']) {
  for (const kind of ['scalar', 'sequence', 'mapping']) tags.push(tag(name, kind));
}
const schema = yaml.DEFAULT_SCHEMA.extend(tags);

const path = process.argv[2];
if (!path) { console.error('usage: node template/check.mjs <template.yaml>'); process.exit(2); }
const template = yaml.load(readFileSync(path, 'utf8'), { schema });

const problems = [];
const problem = (where, text) => problems.push(`${where}: ${text}`);
const pseudo = new Set(['AWS::AccountId', 'AWS::NoValue', 'AWS::NotificationARNs', 'AWS::Partition', 'AWS::Region',
  'AWS::StackId', 'AWS::StackName', 'AWS::URLSuffix']);
const sections = new Set(['AWSTemplateFormatVersion', 'Transform', 'Description', 'Metadata', 'Parameters', 'Rules',
  'Mappings', 'Conditions', 'Globals', 'Resources', 'Outputs']);
const parameters = template.Parameters ?? {};
const resources = template.Resources ?? {};
const conditions = template.Conditions ?? {};
let references = 0;
const samTarget = { 'AWS::Serverless::Function': 'AWS::Lambda::Function', 'AWS::Serverless::SimpleTable': 'AWS::DynamoDB::Table',
  'AWS::Serverless::LayerVersion': 'AWS::Lambda::LayerVersion', 'AWS::Serverless::StateMachine': 'AWS::StepFunctions::StateMachine' };

for (const key of Object.keys(template)) if (!sections.has(key)) problem('template', `unknown top-level section '${key}'`);
if (Object.keys(resources).length === 0) problem('template', 'no Resources');

const isIntrinsic = (value) => value && typeof value === 'object' && !Array.isArray(value)
  && Object.keys(value).length === 1 && (Object.keys(value)[0].startsWith('Fn::') || Object.keys(value)[0] === 'Ref');

function checkRef(where, name) {
  references++;
  if (!(name in parameters) && !(name in resources) && !pseudo.has(name)) problem(where, `!Ref ${name} names no parameter, resource or pseudo parameter`);
}

function checkGetAtt(where, target) {
  references++;
  const [logical, ...rest] = Array.isArray(target) ? target : String(target).split('.');
  const attribute = rest.join('.');
  const resource = resources[logical];
  if (!resource) { problem(where, `!GetAtt ${logical}.${attribute} names no resource`); return; }
  // A SAM resource's !GetAtt resolves on the CloudFormation resource it becomes.
  const type = spec.ResourceTypes[samTarget[resource.Type] ?? resource.Type];
  if (type && !(attribute in (type.Attributes ?? {}))) problem(where, `!GetAtt ${logical}.${attribute}: ${resource.Type} has no attribute '${attribute}'`);
}

function checkCondition(where, name) {
  references++;
  if (!(name in conditions)) problem(where, `condition '${name}' is not defined`);
}

// Walks any value, checking every intrinsic function in it.
function walk(where, value) {
  if (Array.isArray(value)) { value.forEach((item, i) => walk(`${where}[${i}]`, item)); return; }
  if (!value || typeof value !== 'object') return;
  for (const [key, inner] of Object.entries(value)) {
    if (key === 'Fn::Ref' || key === 'Ref') checkRef(where, inner);
    else if (key === 'Fn::GetAtt') checkGetAtt(where, inner);
    else if (key === 'Fn::Condition') checkCondition(where, inner);
    else if (key === 'Fn::If') { checkCondition(where, inner[0]); walk(where, inner.slice(1)); continue; }
    else if (key === 'Fn::Sub') {
      const [text, variables] = Array.isArray(inner) ? inner : [inner, {}];
      for (const match of String(text).matchAll(/\$\{([^}!]+)\}/g)) {
        const name = match[1].trim();
        if (variables && name in variables) continue;
        if (name.includes('.') && !name.startsWith('AWS::')) checkGetAtt(where, name);
        else checkRef(where, name);
      }
      walk(where, variables);
      continue;
    }
    walk(`${where}.${key}`, inner);
  }
}

// Checks a mapping of properties against a resource or property type of the specification.
function checkProperties(where, resourceType, definition, properties, checkRequired) {
  if (!definition) return;
  if (isIntrinsic(properties)) return;
  if (!properties || typeof properties !== 'object' || Array.isArray(properties)) { problem(where, 'expected a mapping of properties'); return; }
  const known = definition.Properties ?? {};
  for (const [name, value] of Object.entries(properties)) {
    const property = known[name];
    if (!property) { problem(where, `unknown property '${name}'`); continue; }
    if (isIntrinsic(value)) continue;
    const nestedName = property.Type === 'List' || property.Type === 'Map' ? property.ItemType : property.Type;
    const nested = nestedName && spec.PropertyTypes[`${resourceType}.${nestedName}`];
    if (!nested) continue;
    if (property.Type === 'List' && Array.isArray(value)) value.forEach((item, i) => checkProperties(`${where}.${name}[${i}]`, resourceType, nested, item, true));
    else if (property.Type === 'Map' && value && typeof value === 'object') Object.entries(value).forEach(([k, item]) => checkProperties(`${where}.${name}.${k}`, resourceType, nested, item, true));
    else if (property.Type !== 'List' && property.Type !== 'Map') checkProperties(`${where}.${name}`, resourceType, nested, value, true);
  }
  if (checkRequired) {
    for (const [name, property] of Object.entries(known)) {
      if (property.Required && !(name in properties)) problem(where, `required property '${name}' is missing`);
    }
  }
}

const globals = template.Globals ?? {};
for (const [section, values] of Object.entries(globals)) {
  const type = spec.ResourceTypes[`AWS::Serverless::${section}`];
  if (!type) { problem(`Globals.${section}`, 'is not a SAM resource kind'); continue; }
  checkProperties(`Globals.${section}`, `AWS::Serverless::${section}`, type, values, false);
  walk(`Globals.${section}`, values);
}

for (const [name, condition] of Object.entries(conditions)) walk(`Conditions.${name}`, condition);

for (const [logical, resource] of Object.entries(resources)) {
  const where = `Resources.${logical}`;
  const type = spec.ResourceTypes[resource.Type];
  if (!type) { problem(where, `unknown resource type '${resource.Type}'`); continue; }
  if (resource.Condition) checkCondition(where, resource.Condition);
  for (const dependency of [resource.DependsOn ?? []].flat()) if (!(dependency in resources)) problem(where, `DependsOn '${dependency}' names no resource`);
  const serverless = resource.Type.startsWith('AWS::Serverless::');
  // SAM fills required properties from Globals, so only plain CloudFormation resources must carry their own.
  checkProperties(`${where}.Properties`, resource.Type, type, resource.Properties ?? {}, !serverless);
  walk(where, resource.Properties);
}

for (const [name, output] of Object.entries(template.Outputs ?? {})) {
  if (output.Value === undefined) problem(`Outputs.${name}`, 'has no Value');
  if (output.Condition) checkCondition(`Outputs.${name}`, output.Condition);
  walk(`Outputs.${name}`, output.Value);
}

for (const line of problems) console.log(line);
console.log(`template check (CloudFormation specification ${spec.ResourceSpecificationVersion}): ${Object.keys(resources).length} resources, ${references} references, ${problems.length} problems`);
process.exit(problems.length === 0 ? 0 : 1);
