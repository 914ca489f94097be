import { defineMessages } from '../i18n/messages';

export const messages = defineMessages({
  title: ['断电断网备案', 'Outage filings'],
  file: ['新增备案', 'File an outage'],
  intro: [
    '计划停电、检修等导致摄像机停录的，须在停录开始之前备案；备案时段内的录像缺口不计为违规。',
    'Planned power cuts or maintenance that stop a camera must be filed before they start; a recording gap inside a filing is not a violation.',
  ],
  camera: ['摄像机', 'Camera'],
  window: ['停录时段', 'Outage window'],
  duration: ['时长', 'Duration'],
  reason: ['原因', 'Reason'],
  'reason.placeholder': ['如：厂区计划停电检修', 'e.g. planned power cut for maintenance'],
  filedBy: ['备案人', 'Filed by'],
  filedAt: ['备案时间', 'Filed at'],
  phase: ['状态', 'Status'],
  'phase.upcoming': ['未开始', 'upcoming'],
  'phase.active': ['进行中', 'under way'],
  'phase.past': ['已结束', 'over'],
  filed: ['已备案', 'Filed'],
  'problem.camera': ['请选择摄像机', 'Pick a camera'],
  'problem.window': ['请选择停录的开始和结束时间', 'Pick when the outage starts and ends'],
  'problem.not-in-advance': [
    '须在停录开始之前备案：开始时间须晚于当前时间',
    'An outage must be filed before it starts: the start must be in the future',
  ],
  'problem.order': ['结束时间须晚于开始时间', 'The end must be after the start'],
  'problem.reason': ['请填写备案原因', 'Give the reason'],
  'problem.reason-long': ['原因不超过 500 字', 'At most 500 characters'],
  'refused.filing-not-in-advance': ['须在停录开始之前备案', 'An outage must be filed before it starts'],
  'refused.filing-too-long': ['单次备案时段超出上限', 'The window is longer than one filing may cover'],
  unfiled: [
    '未备案的录像缺口由视频归档服务检测并上报，暂无查询接口；各摄像机的缺口次数见“视频回放”的录像留存。',
    'Unfiled recording gaps are detected and reported by the video archive but cannot be listed yet; each camera’s gap count is under Video playback’s archived video.',
  ],
});
