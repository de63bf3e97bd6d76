import { describe, expect, it } from 'vitest';
import { appOrigin } from '../app-protocol';
import {
  isDevicePermissionGranted,
  isPermissionGranted,
  type PermissionQuery,
} from './permissions';

const camera: PermissionQuery = {
  permission: 'media',
  requestingOrigin: 'kiosk://app',
  mediaTypes: ['video'],
  isMainFrame: true,
};

describe('isPermissionGranted', () => {
  it('grants the camera to the main frame of our origin (origin or full URL)', () => {
    expect(isPermissionGranted(camera, appOrigin)).toBe(true);
    expect(
      isPermissionGranted({ ...camera, requestingOrigin: 'kiosk://app/index.html' }, appOrigin),
    ).toBe(true);
  });
  it('grants nothing in a session without a camera origin (the staff dialog, the default session)', () => {
    expect(isPermissionGranted(camera, null)).toBe(false);
  });
  it('refuses the microphone, alone or with the camera', () => {
    expect(isPermissionGranted({ ...camera, mediaTypes: ['audio'] }, appOrigin)).toBe(false);
    expect(isPermissionGranted({ ...camera, mediaTypes: ['video', 'audio'] }, appOrigin)).toBe(
      false,
    );
    expect(isPermissionGranted({ ...camera, mediaTypes: ['unknown'] }, appOrigin)).toBe(false);
    expect(isPermissionGranted({ ...camera, mediaTypes: [] }, appOrigin)).toBe(false);
  });
  it.each([
    'https://example.com',
    'kiosk://staff',
    'file://',
    'http://127.0.0.1:8421',
    '',
    null,
    undefined,
  ])('refuses the camera to origin %s', (requestingOrigin) => {
    expect(isPermissionGranted({ ...camera, requestingOrigin }, appOrigin)).toBe(false);
  });
  it('refuses the camera to a subframe even of our origin', () => {
    expect(isPermissionGranted({ ...camera, isMainFrame: false }, appOrigin)).toBe(false);
  });
  it.each([
    'geolocation',
    'notifications',
    'display-capture',
    'clipboard-read',
    'hid',
    'serial',
    'usb',
    'fullscreen',
    'openExternal',
    'midiSysex',
    'unknown',
  ])('refuses %s even to our origin', (permission) => {
    expect(isPermissionGranted({ ...camera, permission }, appOrigin)).toBe(false);
  });
  it('never grants device chooser permissions', () => {
    expect(isDevicePermissionGranted()).toBe(false);
  });
});
