#!/usr/bin/env node
// Parses PowerShell with the tree-sitter PowerShell grammar and prints what tests need as JSON.
//   node parse-ps.js FILE.ps1          one result object
//   node parse-ps.js < FILE.ps1        the same, from standard input
//   node parse-ps.js --batch A B ...   an array of result objects, each with "path" (one node start for many)
'use strict';

// Without this, node's exit waits ~9 s for V8 to finish optimising the large grammar wasm in the background.
require('v8').setFlagsFromString('--liftoff-only');

const fs = require('node:fs');
const path = require('node:path');
const { Parser, Language } = require('web-tree-sitter');

const GRAMMAR = path.join(__dirname, 'node_modules', 'tree-sitter-powershell', 'tree-sitter-powershell.wasm');
const MAX_ERROR_TEXT = 80;

async function main(argv) {
  await Parser.init();
  const parser = new Parser();
  parser.setLanguage(await Language.load(GRAMMAR));
  if (argv[0] === '--batch') {
    return argv.slice(1).map((file) => ({ path: file, ...analyse(parser, fs.readFileSync(file)) }));
  }
  if (argv.length > 1) throw new Error('one file, or --batch FILE...; got ' + argv.length + ' arguments');
  return analyse(parser, fs.readFileSync(argv.length === 1 ? argv[0] : 0));
}

function analyse(parser, bytes) {
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const source = bytes.toString('utf8', bom ? 3 : 0);
  const tree = parser.parse(source);
  const result = { bom, lineEndings: lineEndings(source), errors: [], commands: [], functions: [], params: [] };
  walk(tree.rootNode, (node) => {
    if (node.isMissing) {
      result.errors.push({ ...position(node), kind: 'MISSING', text: 'missing ' + JSON.stringify(node.type) });
    } else if (node.isError) {
      result.errors.push({ ...position(node), kind: 'ERROR', text: clip(node.text) });
    } else if (node.type === 'command') {
      result.commands.push(command(node));
    } else if (node.type === 'function_statement') {
      const name = node.namedChildren.find((c) => c.type === 'function_name');
      if (name) result.functions.push(name.text);
    }
  });
  const paramBlock = tree.rootNode.namedChildren.find((c) => c.type === 'param_block');
  if (paramBlock) result.params = scriptParameters(paramBlock);
  tree.delete();
  return result;
}

function walk(node, visit) {
  visit(node);
  for (const child of node.children) walk(child, visit);
}

function position(node) {
  return { line: node.startPosition.row + 1, column: node.startPosition.column + 1 };
}

function clip(text) {
  const oneLine = text.replace(/\r?\n/g, '\\n');
  return oneLine.length > MAX_ERROR_TEXT ? oneLine.slice(0, MAX_ERROR_TEXT) + '...' : oneLine;
}

function lineEndings(source) {
  const crlf = (source.match(/\r\n/g) || []).length;
  const lf = (source.match(/\n/g) || []).length - crlf;
  if (crlf === 0 && lf === 0) return 'none';
  return crlf === 0 ? 'lf' : lf === 0 ? 'crlf' : 'mixed';
}

// A parameter takes the next argument as its value, or none (a switch) when a parameter or the end follows.
// That is how PowerShell binds `-Name value` unless the cmdlet declares -Name a switch; tests know their cmdlets.
function command(node) {
  const nameNode = node.childForFieldName('command_name');
  const invocation = node.children.find((c) => c.type === 'command_invokation_operator');
  const call = {
    name: nameNode ? nameNode.text : '',
    invocationOperator: invocation ? invocation.text : null,
    line: node.startPosition.row + 1,
    parameters: [],
    arguments: [],
    splats: [],
  };
  let pending = null;
  let lastValue = null; // the parameter or argument that took the latest value
  const elements = node.childForFieldName('command_elements');
  for (const element of elements ? elements.namedChildren : []) {
    const type = element.type;
    if (type === 'command_argument_sep' || type === 'comment' || type === 'redirection') continue;
    if (type === 'command_parameter') {
      if (pending) call.parameters.push(pending);
      lastValue = null;
      pending = { name: element.text.replace(/^-+/, ''), value: null, valueKind: 'switch', text: element.text, line: element.startPosition.row + 1 };
      continue;
    }
    if (type === 'argument_list' && lastValue) { // `$x.Method(1)`: the call belongs to the value before it
      lastValue.value += element.text;
      lastValue.text += element.text;
      lastValue.valueKind = 'expression';
      continue;
    }
    const arg = argument(element);
    if (arg.valueKind === 'splat') {
      call.splats.push(arg.value);
      lastValue = null;
    } else if (pending) {
      pending.value = arg.value;
      pending.valueKind = arg.valueKind;
      pending.text = pending.text + (colonBefore(element) ? ':' : ' ') + arg.text;
      call.parameters.push(pending);
      lastValue = pending;
      pending = null;
    } else {
      call.arguments.push(arg);
      lastValue = arg;
    }
  }
  if (pending) call.parameters.push(pending);
  return call;
}

function colonBefore(valueNode) {
  const sep = valueNode.previousSibling;
  return sep && sep.type === 'command_argument_sep' && sep.text === ':';
}

function argument(node) {
  const text = node.text;
  switch (node.type) {
    case 'generic_token': return { value: text, valueKind: 'bareword', text };
    case 'parenthesized_expression': return { value: text, valueKind: 'expression', text };
    case 'script_block_expression': return { value: text, valueKind: 'scriptblock', text };
    case 'stop_parsing': return { value: text, valueKind: 'verbatim', text };
    case 'array_literal_expression': return arrayElement(node);
    default: return { value: text, valueKind: 'expression', text };
  }
}

function arrayElement(node) {
  const text = node.text;
  if (node.namedChildCount !== 1) return { value: text, valueKind: 'array', text };
  const unary = node.namedChildren[0];
  const inner = unary.type === 'unary_expression' && unary.namedChildCount === 1 ? unary.namedChildren[0] : null;
  if (!inner || inner.text !== text) return { value: text, valueKind: 'expression', text };
  if (inner.type === 'variable') {
    return text.startsWith('@') ? { value: text.slice(1), valueKind: 'splat', text } : { value: text, valueKind: 'variable', text };
  }
  if (inner.type === 'string_literal') return { value: stringValue(inner.namedChildren[0] || inner), valueKind: 'string', text };
  if (inner.type === 'integer_literal' || inner.type === 'real_literal') return { value: text, valueKind: 'number', text };
  if (inner.type === 'script_block_expression') return { value: text, valueKind: 'scriptblock', text };
  if (inner.type === 'hash_literal_expression') return { value: text, valueKind: 'hashtable', text };
  return { value: text, valueKind: 'expression', text };
}

// The literal's content without quotes; '' in single quotes becomes '. Double-quoted content is not expanded.
function stringValue(node) {
  const text = node.text;
  switch (node.type) {
    case 'verbatim_string_characters': return text.slice(1, -1).replace(/''/g, "'");
    case 'expandable_string_literal': return text.slice(1, -1);
    case 'verbatim_here_string_characters':
    case 'expandable_here_string_literal': return text.replace(/^@["'][ \t]*\r?\n/, '').replace(/\r?\n["']@$/, '');
    default: return text;
  }
}

function scriptParameters(paramBlock) {
  const list = paramBlock.namedChildren.find((c) => c.type === 'parameter_list');
  return (list ? list.namedChildren : []).filter((p) => p.type === 'script_parameter').map((p) => {
    const variable = p.namedChildren.find((c) => c.type === 'variable');
    const attributes = p.namedChildren.find((c) => c.type === 'attribute_list');
    const types = attributes ? attributes.namedChildren.filter((a) => a.namedChildren.some((c) => c.type === 'type_literal')) : [];
    const dflt = p.namedChildren.find((c) => c.type === 'script_parameter_default');
    return {
      name: variable ? variable.text.replace(/^\$/, '') : p.text,
      type: types.length ? types[types.length - 1].text.replace(/^\[|\]$/g, '') : null,
      defaultValue: dflt ? dflt.text.replace(/^=\s*/, '') : null,
    };
  });
}

main(process.argv.slice(2)).then(
  (result) => {
    process.stdout.write(JSON.stringify(result) + '\n', () => process.exit(0));
  },
  (err) => {
    process.stderr.write('parse-ps: ' + (err && err.message ? err.message : String(err)) + '\n');
    process.exit(2);
  },
);
