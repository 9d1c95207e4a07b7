/**
 * The routing expression language: workflow filters over task attributes and agent selectors
 * over skills, languages and teams. parse -> check -> compile; never eval.
 * Design: docs/decisions/013-routing.md; user guide: docs/routing.md.
 */
import type { RoutingAgent, TaskAttributes } from '../types.ts';
import { check, type Scope } from './check.ts';
import { compile, compileSkillScore } from './compile.ts';
import { ExprError } from './lexer.ts';
import { parse } from './parser.ts';

export { ExprError, isExprError, limits } from './lexer.ts';
export { parse, type Expr, type CompareOp, type Literal } from './parser.ts';
export { check, skillsUsed, taskAttributeTypes, agentBuiltinTypes, type Scope, type ValueType } from './check.ts';
export { compile, compileSkillScore, type Predicate } from './compile.ts';

export type AgentScope = Extract<Scope, { kind: 'agent' }>;

/** Parse and check; returns the first problem (syntax or check) or null. Never throws. */
export function validateExpression(source: string, scope: Scope): ExprError | null {
  try {
    return check(parse(source), scope)[0] ?? null;
  } catch (e) {
    if (e instanceof ExprError) return e;
    throw e;
  }
}

function parseChecked(source: string, scope: Scope) {
  const ast = parse(source);
  const err = check(ast, scope)[0];
  if (err) throw err;
  return ast;
}

/** A workflow filter; empty source matches every task. Throws ExprError. */
export function compileTaskFilter(source: string): (t: TaskAttributes) => boolean {
  if (source.trim() === '') return () => true;
  return compile<TaskAttributes>(parseChecked(source, { kind: 'task' }), { kind: 'task' });
}

/** An agent selector; empty source: no filter (every agent of the queue) and a score of 0. Throws ExprError. */
export function compileAgentSelector(source: string, scope: Omit<AgentScope, 'kind'>): { filter?: (a: RoutingAgent) => boolean; skillScore: (a: RoutingAgent) => number } {
  if (source.trim() === '') return { skillScore: () => 0 };
  const s: AgentScope = { kind: 'agent', skills: scope.skills, teams: scope.teams };
  const ast = parseChecked(source, s);
  return { filter: compile<RoutingAgent>(ast, s), skillScore: compileSkillScore(ast, s) };
}
