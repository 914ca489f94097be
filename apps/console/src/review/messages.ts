import { defineMessages } from '../i18n/messages';

/** The review queue's (待确认) own words. */
export const messages = defineMessages({
  title: ['待确认', 'Review queue'],
  'state.open': ['待确认', 'Open'],
  'state.resolved': ['已处理', 'Resolved'],
  empty: ['没有待确认的通行记录', 'Nothing waits for review'],
  'item.captured': ['通行时间', 'Passed at'],
  'item.reasons': ['待确认原因', 'Why'],
  'item.open': ['查看通行记录', 'Open the passage'],
  'item.revision': ['版本 {revision}', 'Revision {revision}'],
  'item.readOnly': ['只读：您的角色不能处理待确认事项', 'Read only: your role cannot resolve review items'],
  'form.plate': ['车牌号', 'Plate'],
  'form.colour': ['车牌颜色', 'Plate colour'],
  'form.stage': ['排放阶段', 'Emission stage'],
  'form.stageHint': ['不填则沿用现有阶段', 'Kept when left empty'],
  'form.note': ['备注', 'Note'],
  'form.confirm': ['确认无误', 'Confirm'],
  'form.correct': ['提交更正', 'Correct'],
  'form.plateRequired': ['请填写车牌号', 'Enter the plate'],
  'form.plateInvalid': ['车牌号无效：{reason}', 'Not a plate: {reason}'],
  'form.confirmTitle': ['确认提交？', 'Submit?'],
  'form.confirmBody': [
    '将以版本 {revision} 为基础记录：{plate}。此操作会留痕并重新上报。',
    'Records {plate} on revision {revision}. The change is audited and reported again.',
  ],
  'form.done': ['已处理：{plate}（版本 {revision}）', 'Resolved: {plate} (revision {revision})'],
  'form.conflict': [
    '该记录已被他人修改：{reason}。列表已刷新，请重新核对。',
    'Someone changed this passage: {reason}. The queue was reloaded; check it again.',
  ],
});
