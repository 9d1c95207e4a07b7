import { Handle, Position, type NodeProps } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import { nodePorts, type FlowNode } from '../../../../src/core/flows/schema.ts';
import type { CanvasNode } from './graph.ts';

/** The output ports a node draws, from the engine's own port table. */
export function portsOf(kind: string, data: Record<string, unknown>): { port: string; required: boolean }[] {
  try {
    return nodePorts({ id: 'x', type: kind, position: { x: 0, y: 0 }, data } as unknown as FlowNode);
  } catch {
    return [];
  }
}

/** A short line of what the node says or does, for the canvas. */
export function summaryOf(data: Record<string, unknown>): string {
  const pick = (v: unknown) => (v && typeof v === 'object' ? String(Object.values(v as Record<string, string>)[0] ?? '') : typeof v === 'string' ? v : '');
  return (pick(data.text) || pick(data.prompt) || (typeof data.url === 'string' ? data.url : '') || (typeof data.variable === 'string' ? `→ ${data.variable}` : '')).slice(0, 60);
}

/** One flow node on the canvas: its type, a summary, a handle per output port; red with the server's messages when it has problems. */
export function FlowNodeView({ id, data, selected }: NodeProps<CanvasNode>) {
  const { t } = useTranslation();
  const ports = portsOf(data.kind, data.data);
  const bad = data.issues.length > 0;
  return (
    <div className={`flow-node${bad ? ' flow-node-error' : ''}${selected ? ' flow-node-selected' : ''}`} data-node-id={id} aria-invalid={bad || undefined}>
      <Handle type="target" position={Position.Top} title={t('flows.editor.inPort', { id })} />
      <div className="flow-node-head">
        <strong>{t(`flows.types.${data.kind}`)}</strong> <code>{id}</code>
        {data.isStart && <span className="badge">{t('flows.editor.start')}</span>}
      </div>
      <div className="flow-node-body">{summaryOf(data.data)}</div>
      {bad && (
        <ul className="flow-node-issues" role="alert">
          {data.issues.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
      <div className="flow-node-ports">
        {ports.map((p, i) => (
          <div key={p.port} className="flow-port" style={{ left: `${((i + 1) / (ports.length + 1)) * 100}%` }}>
            <span className="flow-port-label">{p.port}</span>
            <Handle id={p.port} type="source" position={Position.Bottom} title={t('flows.editor.outPort', { id, port: p.port })} style={{ left: 'auto', position: 'relative', transform: 'none' }} />
          </div>
        ))}
      </div>
    </div>
  );
}
