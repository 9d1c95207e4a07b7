import '@xyflow/react/dist/style.css';
import './flows.css';
import { addEdge, Background, Controls, ReactFlow, useEdgesState, useNodesState, type Connection, type Edge } from '@xyflow/react';
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { nodeTypes as allTypes, type FlowDefinitionInput, type NodeType } from '../../../../src/core/flows/schema.ts';
import { ApiError } from '../../api/client.ts';
import { flowsApi, type Flow, type FlowIssue, type FlowVersion } from '../../api/flows.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { StatusMessage } from '../../components/status-message.tsx';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { useSaveShortcut } from '../../lib/use-save-shortcut.ts';
import { FlowNodeView } from './flow-node.tsx';
import { defaultData, freshId, fromCanvas, toCanvas, type CanvasNode } from './graph.ts';
import { NodeForm, type Lookups } from './node-form.tsx';
import { routingApi } from '../../api/routing.ts';
import { slaApi } from '../../api/sla.ts';
import { PortLinks } from './port-links.tsx';
import { Simulator } from './simulator.tsx';

const canvasTypes = { flow: FlowNodeView };
const issuesOfError = (e: unknown): FlowIssue[] | null => (e instanceof ApiError && Array.isArray(e.details) && e.details.every((d) => d && typeof d === 'object' && 'message' in d) ? (e.details as FlowIssue[]) : null);

/** /flows/:id: the visual editor with palette, node forms, validation on the nodes, versions and the simulator. */
export function FlowEditorPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const hid = useId();
  const [flow, setFlow] = useState<Flow | null>(null);
  const [versions, setVersions] = useState<FlowVersion[]>([]);
  const [base, setBase] = useState<FlowDefinitionInput | null>(null);
  const [start, setStart] = useState('');
  const [nodes, setNodes, onNodesChange] = useNodesState<CanvasNode>([]);
  const [edges, setEdges, onEdgesChange] = useEdgesState<Edge>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const [issues, setIssues] = useState<FlowIssue[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const [showSim, setShowSim] = useState(false);
  const [varsText, setVarsText] = useState('');
  const [lookups, setLookups] = useState<Lookups>({});
  useEffect(() => {
    // Queues and calendars by name for the hand-over and business-hours forms (ids typed by hand without the right to read them).
    void Promise.allSettled([routingApi.queues({ limit: 200 }), slaApi.calendars()]).then(([q, c]) => setLookups({
      queueId: q.status === 'fulfilled' ? q.value.items.map((x) => ({ id: x.id, name: x.name })) : [],
      calendarId: c.status === 'fulfilled' ? c.value.items.map((x) => ({ id: x.id, name: x.name })) : [],
    }));
  }, []);
  useDocumentTitle(flow ? t('flows.editor.title', { name: flow.name }) : t('flows.title'));

  const load = useCallback(async (version?: number) => {
    try {
      const [f, vs, v] = await Promise.all([flowsApi.get(id), flowsApi.versions(id), version ? flowsApi.version(id, version) : flowsApi.current(id)]);
      setFlow(f);
      setVersions(vs);
      setBase(v.definition);
      setStart(v.definition.start);
      setVarsText((v.definition.variables ?? []).map((x) => `${x.name}:${x.type}`).join(', '));
      const c = toCanvas(v.definition, []);
      setNodes(c.nodes);
      setEdges(c.edges);
      setIssues([]);
    } catch (e) {
      setError(e);
    }
  }, [id, setNodes, setEdges]);
  useEffect(() => {
    void load();
  }, [load]);

  // The server's problems, drawn on their nodes.
  useEffect(() => {
    const by = new Map<string, string[]>();
    for (const i of issues) if (i.nodeId) by.set(i.nodeId, [...(by.get(i.nodeId) ?? []), i.message]);
    setNodes((ns) => ns.map((n) => ({ ...n, data: { ...n.data, issues: by.get(n.id) ?? [], isStart: n.id === start } })));
  }, [issues, start, setNodes]);

  const definition = useCallback((): FlowDefinitionInput => {
    const variables = varsText.split(',').map((s) => s.trim()).filter(Boolean).map((s) => {
      const [name, type] = s.split(':').map((x) => x.trim());
      return { name: name ?? '', type: (type || 'string') as 'string' };
    });
    return fromCanvas({ ...(base ?? { version: 1, start, nodes: [] }), variables }, nodes, edges, start);
  }, [base, nodes, edges, start, varsText]);
  const defRef = useRef(definition);
  defRef.current = definition;

  async function run(what: () => Promise<void>) {
    setBusy(true);
    setError(null);
    setStatus('');
    try {
      await what();
    } catch (e) {
      const list = issuesOfError(e);
      if (list) setIssues(list);
      setError(e);
    } finally {
      setBusy(false);
    }
  }
  const save = () => run(async () => {
    const r = await flowsApi.saveDraft(id, defRef.current());
    setIssues(r.issues);
    setStatus(t('flows.editor.saved', { version: r.version.version, problems: r.issues.length }));
    setVersions(await flowsApi.versions(id));
  });
  const publish = () => run(async () => {
    await flowsApi.saveDraft(id, defRef.current());
    const v = await flowsApi.publish(id);
    setIssues([]);
    setStatus(t('flows.editor.published', { version: v.version }));
    setVersions(await flowsApi.versions(id));
    setFlow(await flowsApi.get(id));
  });
  const validate = () => run(async () => {
    const r = await flowsApi.validate(defRef.current());
    setIssues(r.issues);
    setStatus(r.ok ? t('flows.editor.valid') : t('flows.editor.invalid', { count: r.issues.length }));
  });

  // Ctrl+S (⌘S) saves the draft.
  useSaveShortcut(() => void save());

  const onConnect = useCallback((c: Connection) => {
    const port = c.sourceHandle ?? 'next';
    setEdges((es) => addEdge({ ...c, id: `${c.source}.${port}`, label: port === 'next' ? undefined : port }, es.filter((e) => !(e.source === c.source && (e.sourceHandle ?? 'next') === port))));
  }, [setEdges]);

  function addNode(kind: NodeType) {
    const taken = new Set(nodes.map((n) => n.id));
    const nid = freshId(kind, taken);
    const y = Math.max(0, ...nodes.map((n) => n.position.y)) + 140;
    setNodes((ns) => [...ns, { id: nid, type: 'flow', position: { x: 40, y: nodes.length ? y : 0 }, data: { kind, data: defaultData(kind), issues: [], isStart: false } }]);
    if (!start) setStart(nid);
    setSelected(nid);
    setStatus(t('flows.editor.added', { id: nid }));
  }
  function link(source: string, port: string, target: string | null) {
    setEdges((es) => {
      const rest = es.filter((e) => !(e.source === source && (e.sourceHandle ?? 'next') === port));
      return target ? [...rest, { id: `${source}.${port}`, source, sourceHandle: port, target, label: port === 'next' ? undefined : port }] : rest;
    });
  }
  const current = useMemo(() => nodes.find((n) => n.id === selected) ?? null, [nodes, selected]);
  const general = issues.filter((i) => !i.nodeId || !nodes.some((n) => n.id === i.nodeId));

  return (
    <section className="panel flow-editor" aria-labelledby={`${hid}-h`}>
      <p><Link to="/flows">{t('flows.back')}</Link></p>
      <h1 id={`${hid}-h`}>{flow ? t('flows.editor.title', { name: flow.name }) : t('common.loading')}</h1>
      <div className="actions" role="toolbar" aria-label={t('flows.editor.toolbar')}>
        <button type="button" className="primary" onClick={() => void save()} disabled={busy} aria-keyshortcuts="Control+S">{t('flows.editor.save')}</button>
        <button type="button" onClick={() => void validate()} disabled={busy}>{t('flows.editor.validate')}</button>
        <button type="button" onClick={() => void publish()} disabled={busy}>{t('flows.editor.publish')}</button>
        <button type="button" onClick={() => setShowSim((s) => !s)} aria-pressed={showSim}>{t('flows.editor.simulator')}</button>
      </div>
      <ErrorAlert error={error} />
      <StatusMessage>{status || null}</StatusMessage>
      {general.length > 0 && (
        <ul className="alert alert-error" aria-label={t('flows.editor.problems')}>
          {general.map((i, n) => <li key={n}>{i.message}</li>)}
        </ul>
      )}
      <div className="field">
        <label htmlFor={`${hid}-vars`}>{t('flows.editor.variables')}</label>
        <input id={`${hid}-vars`} value={varsText} onChange={(e) => setVarsText(e.target.value)} aria-describedby={`${hid}-vars-hint`} />
        <p id={`${hid}-vars-hint`} className="hint">{t('flows.editor.variablesHint')}</p>
      </div>
      <div className="flow-editor-body">
        <nav className="flow-palette" aria-label={t('flows.editor.palette')}>
          {allTypes.map((k) => (
            <button key={k} type="button" onClick={() => addNode(k)}>{t('flows.editor.add', { type: t(`flows.types.${k}`) })}</button>
          ))}
        </nav>
        <div className="flow-canvas" aria-label={t('flows.editor.canvas')} role="application">
          <ReactFlow nodes={nodes} edges={edges} nodeTypes={canvasTypes} onNodesChange={onNodesChange} onEdgesChange={onEdgesChange} onConnect={onConnect}
            onNodeClick={(_, n) => setSelected(n.id)} onPaneClick={() => setSelected(null)} fitView deleteKeyCode={['Delete', 'Backspace']}>
            <Background />
            <Controls />
          </ReactFlow>
        </div>
        <div className="flow-side">
          {current && (
            <>
              <NodeForm node={current} lookups={lookups} isStart={current.id === start}
                onChange={(data) => setNodes((ns) => ns.map((n) => (n.id === current.id ? { ...n, data: { ...n.data, data } } : n)))}
                onMakeStart={() => setStart(current.id)}
                onDelete={() => { setNodes((ns) => ns.filter((n) => n.id !== current.id)); setEdges((es) => es.filter((e) => e.source !== current.id && e.target !== current.id)); setSelected(null); }} />
              <PortLinks node={current} nodeIds={nodes.map((n) => n.id)} edges={edges} onLink={(port, target) => link(current.id, port, target)} />
            </>
          )}
          {showSim && <Simulator definition={() => defRef.current()} />}
        </div>
      </div>
      <h2>{t('flows.editor.nodeList')}</h2>
      <ul className="flow-node-list">
        {nodes.map((n) => (
          <li key={n.id} className={n.data.issues.length ? 'has-issues' : undefined}>
            <button type="button" onClick={() => setSelected(n.id)} aria-current={selected === n.id || undefined}>
              {t(`flows.types.${n.data.kind}`)} <code>{n.id}</code>{n.id === start ? ` (${t('flows.editor.start')})` : ''}
            </button>
            {n.data.issues.length > 0 && <span className="field-error"> {n.data.issues.join(' · ')}</span>}
          </li>
        ))}
      </ul>
      <h2>{t('flows.editor.versions')}</h2>
      <table className="data-table">
        <caption className="visually-hidden">{t('flows.editor.versions')}</caption>
        <thead>
          <tr><th scope="col">{t('flows.editor.version')}</th><th scope="col">{t('flows.editor.status')}</th><th scope="col">{t('flows.editor.when')}</th><th scope="col">{t('flows.actions')}</th></tr>
        </thead>
        <tbody>
          {versions.map((v) => (
            <tr key={v.version}>
              <th scope="row">{v.version}</th>
              <td>{t(`flows.status.${v.status}`)}</td>
              <td>{new Date(v.publishedAt ?? v.updatedAt).toLocaleString()}</td>
              <td><button type="button" onClick={() => void load(v.version)}>{t('flows.editor.open', { version: v.version })}</button></td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
