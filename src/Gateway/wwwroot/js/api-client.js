// The REST client of the staff pages (console, service board): JSON in and out, the session's bearer token, and
// problem details turned into one readable, bilingual message (the field errors, the owner of a customer, whose lead
// or task it is) on the thrown error, which also carries the status and the problem itself.
export function describeProblem(status, p) {
  if (!p) return `HTTP ${status}`;
  const parts = [`${status} ${p.title || ''}`.trim(), p.detail];
  if (p.errors) for (const [field, messages] of Object.entries(p.errors)) parts.push(`${field}: ${[].concat(messages).join(' ')}`);
  if (p.owner) parts.push(`客户归属 Owner: ${p.owner.storeId} / ${p.owner.managerId || ''} / ${p.owner.designerId || ''} @ ${p.owner.at}`);
  if (p.managerId && status === 403) parts.push(`线索归属 Lead's manager: ${p.managerId}`);
  if (p.assigneeId && status === 403) parts.push(`任务负责人 Assignee: ${p.assigneeId}`);
  if (p.claimedBy) parts.push(`已被认领 Claimed by: ${p.claimedBy.storeId} / ${p.claimedBy.managerId} @ ${p.claimedBy.at}`);
  return parts.filter(Boolean).join('\n');
}

/** api(method, path, body) for a session whose token may change (read on every call). */
export function apiClient(session) {
  return async function api(method, path, body) {
    const response = await fetch(path, {
      method,
      headers: { 'content-type': 'application/json', ...(session.token ? { authorization: 'Bearer ' + session.token } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const data = text ? JSON.parse(text) : null;
    if (!response.ok) {
      const error = new Error(describeProblem(response.status, data));
      error.status = response.status;
      error.data = data;
      throw error;
    }
    return data;
  };
}
