#!/bin/bash
# Seed Kiosk deb post-remove: undo the binary link and the udev rules. The kiosk group and the
# data directory (sales not yet synced!) are left in place on purpose.

if type update-alternatives >/dev/null 2>&1; then
    update-alternatives --remove '${executable}' '/opt/${sanitizedProductName}/${executable}'
else
    rm -f '/usr/bin/${executable}'
fi

rm -f /etc/udev/rules.d/99-seed-kiosk.rules
if hash udevadm 2>/dev/null; then
    udevadm control --reload-rules || true
fi
