import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Edge } from '@xyflow/react';
import { portsOf } from './flow-node.tsx';
import type { CanvasNode } from './graph.ts';

interface Props {
  node: CanvasNode;
  nodeIds: string[];
  edges: Edge[];
  onLink: (port: string, target: string | null) => void;
}

/** Where each output port of the node leads: the keyboard way to draw edges. */
export function PortLinks({ node, nodeIds, edges, onLink }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const ports = portsOf(node.data.kind, node.data.data);
  if (ports.length === 0) return null;
  return (
    <fieldset className="flow-port-links">
      <legend>{t('flows.editor.connections')}</legend>
      {ports.map((p) => {
        const current = edges.find((e) => e.source === node.id && (e.sourceHandle ?? 'next') === p.port)?.target ?? '';
        return (
          <div className="field" key={p.port}>
            <label htmlFor={`${id}-${p.port}`}>
              {t('flows.editor.portTo', { port: p.port })}
              {p.required ? ' *' : ''}
            </label>
            <select id={`${id}-${p.port}`} value={current} onChange={(e) => onLink(p.port, e.target.value || null)}>
              <option value="">{t('flows.editor.noTarget')}</option>
              {current && !nodeIds.includes(current) && <option value={current}>{t('flows.editor.missingTarget', { id: current })}</option>}
              {nodeIds.filter((n) => n !== node.id).map((n) => <option key={n} value={n}>{n}</option>)}
            </select>
          </div>
        );
      })}
    </fieldset>
  );
}
