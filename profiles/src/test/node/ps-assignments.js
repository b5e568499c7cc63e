#!/usr/bin/env node
// Prints the script-level variable assignments of PowerShell files as JSON, read with the tree-sitter
// PowerShell grammar, so tests can resolve `-Param $Setting` to the value the script's settings block gives.
//   node ps-assignments.js --batch A.ps1 B.ps1 ...   an array of { path, assignments: [...] }
// Each assignment: { name, value, valueKind: 'string' | 'expression', line }; a string's value is its content
// without quotes ('' in single quotes becomes '), other values are their source text.
'use strict';

require('v8').setFlagsFromString('--liftoff-only');

const fs = require('node:fs');
const path = require('node:path');
const { Parser, Language } = require('web-tree-sitter');

const GRAMMAR = path.join(__dirname, 'node_modules', 'tree-sitter-powershell', 'tree-sitter-powershell.wasm');

async function main(argv) {
  if (argv[0] !== '--batch') throw new Error('usage: ps-assignments.js --batch FILE...');
  await Parser.init();
  const parser = new Parser();
  parser.setLanguage(await Language.load(GRAMMAR));
  return argv.slice(1).map((file) => {
    const bytes = fs.readFileSync(file);
    const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    const tree = parser.parse(bytes.toString('utf8', bom ? 3 : 0));
    const result = { path: file, assignments: topLevelAssignments(tree.rootNode) };
    tree.delete();
    return result;
  });
}

// Only statements of the script itself: assignments inside functions and blocks are not settings.
function topLevelAssignments(root) {
  const list = root.namedChildren.find((c) => c.type === 'statement_list');
  const out = [];
  for (const statement of list ? list.namedChildren : []) {
    const assignment = statement.type === 'pipeline' ? statement.namedChildren.find((c) => c.type === 'assignment_expression') : null;
    if (!assignment) continue;
    const left = assignment.namedChildren.find((c) => c.type === 'left_assignment_expression');
    const operator = assignment.namedChildren.find((c) => c.type === 'assignement_operator');
    const value = assignment.childForFieldName('value');
    if (!left || !operator || operator.text !== '=' || !value || !/^\$\w+$/.test(left.text)) continue;
    const literal = single(value, 'string_literal');
    out.push({
      name: left.text.slice(1),
      value: literal ? stringValue(literal.namedChildren[0] || literal) : value.text,
      valueKind: literal ? 'string' : 'expression',
      line: assignment.startPosition.row + 1,
    });
  }
  return out;
}

// The node of `type` when `node` is nothing but a chain of single-child wrappers around it.
function single(node, type) {
  let current = node;
  while (current.type !== type) {
    if (current.namedChildCount !== 1 || current.namedChildren[0].text !== current.text) return null;
    current = current.namedChildren[0];
  }
  return current;
}

// PowerShell ends single-quoted strings at ' and at the typographic quotes U+2018..U+201B; two of them in a row
// stand for the second one (its tokenizer's rule), so '' is ' and ’’ is ’.
const SINGLE_QUOTE_PAIR = /([\u0027\u2018-\u201B])([\u0027\u2018-\u201B])/g;

function stringValue(node) {
  const text = node.text;
  switch (node.type) {
    case 'verbatim_string_characters': return text.slice(1, -1).replace(SINGLE_QUOTE_PAIR, '$2');
    case 'expandable_string_literal': return text.slice(1, -1);
    case 'verbatim_here_string_characters':
    case 'expandable_here_string_literal': return text.replace(/^@["'][ \t]*\r?\n/, '').replace(/\r?\n["']@$/, '');
    default: return text;
  }
}

main(process.argv.slice(2)).then(
  (result) => process.stdout.write(JSON.stringify(result) + '\n', () => process.exit(0)),
  (err) => {
    process.stderr.write('ps-assignments: ' + (err && err.message ? err.message : String(err)) + '\n');
    process.exit(2);
  },
);
