/** Which discovered device a configured device means, when the config names it by identity. */
import { idNumber, type DeviceConfig } from '../config';
import type { DiscoveredDevice } from '../discovery';

/** True when the config locates its device by identity rather than by a fixed path. */
export function locatedByIdentity(config: DeviceConfig): boolean {
  return (
    config.transport !== 'sim' &&
    config.path === undefined &&
    (config.serialNumber !== undefined || config.vendorId !== undefined)
  );
}

export function matchesConfig(config: DeviceConfig, device: DiscoveredDevice): boolean {
  if (config.transport !== device.transport) return false;
  if (config.path !== undefined) return config.path === device.path;
  if (config.serialNumber !== undefined && config.serialNumber !== device.serialNumber)
    return false;
  const vendorId = idNumber(config.vendorId);
  const productId = idNumber(config.productId);
  if (vendorId !== undefined && vendorId !== device.vendorId) return false;
  if (productId !== undefined && productId !== device.productId) return false;
  if (config.usbPort !== undefined && config.usbPort !== device.usbPort) return false;
  return config.serialNumber !== undefined || vendorId !== undefined;
}
