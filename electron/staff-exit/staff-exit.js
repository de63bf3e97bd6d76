// Staff exit dialog script (served from kiosk://staff/, no Node, no bridge: only window.staffExit).
'use strict';
(function () {
  var messages = {
    denied: '工牌或 PIN 不正确 · Badge or PIN not accepted',
    locked: '尝试次数过多，请稍后再试 · Too many attempts, try again later',
    'bad-request': '请扫描工牌并输入 4–12 位 PIN · Scan a badge and enter a 4–12 digit PIN',
    unavailable: '暂时无法验证 · Cannot verify right now',
    forbidden: '不允许 · Not allowed',
  };
  var form = document.getElementById('form');
  var badge = document.getElementById('badge');
  var pin = document.getElementById('pin');
  var message = document.getElementById('message');
  var submit = document.getElementById('submit');
  // A badge scanner types its code followed by Enter: move on to the PIN instead of submitting.
  badge.addEventListener('keydown', function (event) {
    if (event.key === 'Enter') {
      event.preventDefault();
      pin.focus();
    }
  });
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    submit.disabled = true;
    message.textContent = '';
    window.staffExit.submit(badge.value, pin.value).then(function (result) {
      submit.disabled = false;
      if (result && result.ok) return;
      pin.value = '';
      message.textContent =
        messages[(result && result.error && result.error.code) || 'denied'] || messages.denied;
      pin.focus();
    });
  });
  document.getElementById('cancel').addEventListener('click', function () {
    window.staffExit.cancel();
  });
})();
