import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScriptedCaller } from '../../local/phone.ts';
import { LocalSwitchboard } from '../../local/switchboard.ts';
import { zhConfig } from '../helpers.ts';

// 暖居家电服务中心, Asia/Shanghai (UTC+8): early 08-16 (4 agents), middle 16-24 (3), night 00-08 (1).
let sb: LocalSwitchboard;
beforeAll(async () => {
  sb = await LocalSwitchboard.start(zhConfig());
});
afterAll(async () => sb.stop());

describe('zh-CN end to end', () => {
  it('daytime: Chinese greeting and menu, sub-menu to the repair queue', async () => {
    const r = await sb.call({
      at: new Date('2026-11-23T02:00:00Z'),
      from: '+8613912345678',
      caller: new ScriptedCaller(['1', '1', '5']),
    });
    expect(r.prompts[0]).toBe('为了保证服务质量，您的通话可能会被录音。');
    expect(r.prompts[1]).toBe('您好，欢迎致电暖居家电服务中心。');
    expect(r.prompts[2]).toBe('报修与维修进度请按1。订单、配送和退换货请按2。人工服务请按0。');
    expect(r.prompts[3]).toBe('新的报修请按1。查询维修进度请按2。返回上一级请按星号键。人工服务请按0。');
    expect(r.outcome).toMatchObject({ type: 'queued', queue: 'repair', answered: true });
    expect(r.prompts.at(-1)).toBe('感谢您的评价，再见。');
  });

  it('the night shift still has a person: 03:00 goes to a queue, not the assistant', async () => {
    const r = await sb.call({ at: new Date('2026-11-22T19:00:00Z'), caller: new ScriptedCaller(['2']) });
    expect(r.outcome).toMatchObject({ type: 'queued', queue: 'orders', answered: true });
  });

  it('a holiday goes to the assistant, which answers in Chinese', async () => {
    const r = await sb.call({
      at: new Date('2027-10-01T04:00:00Z'),
      caller: new ScriptedCaller(['say:空调买了包不包安装', '1']),
    });
    expect(r.prompts[1]).toBe('今天是国庆节，我们休息。我是智能助手。');
    expect(r.prompts).toContain('空调、热水器、洗衣机和油烟机都提供免费安装，燃气热水器由持证师傅安装。');
    expect(r.prompts.at(-1)).toBe('很高兴能帮到您，感谢来电，再见。');
  });

  it('an urgent holiday call pages the night on-call person in Chinese and reads the ticket back', async () => {
    const r = await sb.call({
      at: new Date('2027-09-30T17:30:00Z'),
      caller: new ScriptedCaller(['say:厨房里有煤气味，好像漏气了', '1']),
    });
    expect(r.tickets[0]).toMatchObject({ priority: 'urgent' });
    expect(r.notifications.find((n) => n.channel === 'sms' && n.to === '+8613800138000')).toMatchObject({
      channel: 'sms',
      to: '+8613800138000',
      text: expect.stringMatching(/^【紧急】暖居家电服务中心 工单 T-\w{6}/),
    });
    expect(r.prompts).toContain(
      `您的情况比较紧急，我已经通知值班人员。您的工单号是${r.tickets[0]!.id.slice(2).split('').join(' ')}。`,
    );
    expect(r.outcome).toEqual({ type: 'transferred', to: '+8613800138000' });
  });

  it('a message left on a holiday gets a Chinese callback promise and SMS', async () => {
    const r = await sb.call({
      at: new Date('2027-10-01T04:00:00Z'),
      // hardening: a Chinese mobile; the confirmation SMS goes only to the business's own country (CN).
      from: '+8613912345678',
      caller: new ScriptedCaller(['say:我要留言', 'say:我是张女士，洗衣机不脱水，请回电']),
    });
    expect(r.tickets[0]).toMatchObject({ category: 'message', message: '我是张女士，洗衣机不脱水，请回电' });
    expect(r.prompts.at(-1)).toMatch(/^谢谢，您的工单号是.+。我们会在.+之前给您回电。再见。$/);
    expect(r.notifications[0]!.text).toMatch(/^【暖居家电服务中心】已收到您的留言，工单号 T-/);
  });
});
